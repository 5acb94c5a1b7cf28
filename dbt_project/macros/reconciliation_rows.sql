{# The columns every int_reconciliation_* model returns, from a CTE of rules measured in yuan
   (document_id, rule_id, description, expected_yuan, actual_yuan, n_cells, source_unit, loaded_at:
   the document's, which incremental builds are keyed on). Rules carry loaded_at from their input
   rows: a join to the documents on top of aggregates is estimated at one row and planned as a
   nested loop over all documents. #}
{% macro reconciliation_rows(rules) -%}
select
    r.document_id,
    r.rule_id,
    r.description,
    'yuan' as measured_in,
    r.expected_yuan,
    r.actual_yuan,
    {{ yuan_cell_tolerance('r.n_cells', 'r.source_unit') }} as tolerance_yuan,
    r.loaded_at
from {{ rules }} as r
{%- endmacro %}

{# The documents a rule family reads this run, with their printed unit: ``documents_to_build``
   joined to int_documents. #}
{% macro reconciliation_documents() -%}
    select
        d.document_id,
        d.source_unit,
        b.loaded_at
    from {{ ref('int_documents') }} as d
    inner join ({{ documents_to_build() }}) as b on d.document_id = b.document_id
{%- endmacro %}
