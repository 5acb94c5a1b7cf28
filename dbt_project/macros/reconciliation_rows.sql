{# The columns every int_reconciliation_* model returns, from a CTE of rules measured in yuan
   (document_id, rule_id, description, expected_yuan, actual_yuan, n_cells, source_unit). #}
{% macro reconciliation_rows(rules) -%}
select
    document_id,
    rule_id,
    description,
    'yuan' as measured_in,
    expected_yuan,
    actual_yuan,
    {{ yuan_cell_tolerance('n_cells', 'source_unit') }} as tolerance_yuan
from {{ rules }}
{%- endmacro %}
