{{ config(indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}]) }}

select
    d.department_id,
    d.fiscal_year,
    d.phase,
    e.economic_code,
    e.economic_name,
    e.expense_category,
    e.is_subtotal,
    sum(e.amount_yuan)::numeric(20, 2) as amount_yuan,
    e.document_id
from {{ ref('stg_economic_amounts') }} as e
inner join {{ ref('int_current_documents') }} as d using (document_id)
where e.economic_code is not null and e.measure in ('amount', 'total')
group by
    d.department_id, d.fiscal_year, d.phase, e.economic_code, e.economic_name, e.expense_category,
    e.is_subtotal, e.document_id
