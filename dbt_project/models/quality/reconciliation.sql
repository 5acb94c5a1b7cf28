{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['document_id']}],
) }}
-- Every reconciliation rule evaluated per document (all versions, so a superseded document's
-- contradictions stay visible): the rule families of models/intermediate/reconciliation, unioned.
-- Source contradictions are data: nothing here changes a printed number. Tolerance per
-- docs/contract.md: (n summed cells + 1) × half of the last printed digit in the table's unit.
with rules as (
    {% for family in ['functional', 'cross_table', 'economic', 'three_public', 'procurement',
                      'projects', 'cross_document', 'narrative'] -%}
        select * from {{ ref('int_reconciliation_' ~ family) }}
        where {{ in_changed_documents() }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    document_id,
    rule_id,
    description,
    measured_in,
    expected_yuan::numeric(20, 2) as expected_yuan,
    actual_yuan::numeric(20, 2) as actual_yuan,
    (actual_yuan - expected_yuan)::numeric(20, 2) as difference_yuan,
    tolerance_yuan::numeric(20, 3) as tolerance_yuan,
    case
        when expected_yuan is null or actual_yuan is null then 'not_applicable'
        when abs(actual_yuan - expected_yuan) <= tolerance_yuan then 'pass'
        else 'fail'
    end as status
from rules
