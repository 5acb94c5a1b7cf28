{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}],
) }}

select
    d.department_id,
    d.fiscal_year,
    d.phase,
    a.functional_code,
    a.functional_name,
    a.measure as revenue_source,
    a.amount_yuan,
    a.document_id,
    a.line_no
from {{ ref('int_functional_source_rows') }} as a
inner join {{ ref('int_current_table_documents') }} as d using (document_id)
where a.table_kind = 'income' and not a.is_total and {{ in_changed_documents('a.document_id') }}
