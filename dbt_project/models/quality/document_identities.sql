{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['document_id']}],
) }}
-- Every identity a loaded document's own tables print, evaluated (all versions, so a superseded
-- document's contradictions stay visible): the families of models/intermediate/identities, unioned.
-- Tolerance per docs/contract.md: (n summed cells + 1) × half of the last printed digit.
with identities as (
    {% for family in ['functional', 'three_public', 'cross_table'] -%}
        select * from {{ ref('int_identity_' ~ family) }}
        where {{ in_changed_documents() }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

documents as (
    select
        document_id,
        source_unit
    from {{ ref('int_documents') }}
),

measured as (
    select
        i.*,
        {{ yuan_cell_tolerance('i.n_cells', 'd.source_unit') }} as tolerance_yuan
    from identities as i
    inner join documents as d using (document_id)
)

select
    -- ids
    document_id,
    rule_id,
    table_kind,
    measure,
    description,
    -- amounts
    expected_yuan::numeric(20, 2) as expected_yuan,
    actual_yuan::numeric(20, 2) as actual_yuan,
    (actual_yuan - expected_yuan)::numeric(20, 2) as difference_yuan,
    tolerance_yuan::numeric(20, 3) as tolerance_yuan,
    case when abs(actual_yuan - expected_yuan) <= tolerance_yuan then 'pass' else 'fail' end as status,
    -- provenance
    page,
    line_no
from measured
