{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['document_id']}],
) }}
-- Functional-code tables pivoted to one row per document, table kind and code, with their measures:
-- the one source table per kind of int_functional_source_rows, of the documents current for tables.
with amounts as (
    select
        a.*,
        d.department_id,
        d.fiscal_year,
        d.phase,
        d.source_unit
    from {{ ref('int_functional_source_rows') }} as a
    inner join {{ ref('int_current_table_documents') }} as d using (document_id)
    where {{ in_changed_documents('a.document_id') }}
)

select
    document_id,
    department_id,
    fiscal_year,
    phase,
    source_unit,
    table_kind,
    functional_code,
    max(functional_name) as functional_name,
    is_total,
    sum(amount_yuan) filter (where measure = 'total') as total_yuan,
    sum(amount_yuan) filter (where measure = 'basic') as basic_yuan,
    sum(amount_yuan) filter (where measure = 'project') as project_yuan,
    min(line_no) as line_no
from amounts
group by document_id, department_id, fiscal_year, phase, source_unit, table_kind, functional_code, is_total
