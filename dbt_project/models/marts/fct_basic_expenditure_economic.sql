{{ config(indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}]) }}

with amounts as (
    select
        e.*,
        -- a table printing 其中：基本支出 beside 金额: its 金额 includes project spending
        bool_or(e.measure = 'basic') over (partition by e.document_id, e.table_kind) as prints_basic_part
    from {{ ref('stg_economic_amounts') }} as e
    where e.economic_code is not null and e.measure in ('amount', 'total', 'basic')
)

select
    d.department_id,
    d.fiscal_year,
    d.phase,
    a.economic_code,
    a.economic_name,
    a.expense_category,
    a.is_subtotal,
    -- the basic part: 其中：基本支出 where printed (a blank cell there is none of it), else the amount
    (case
        when bool_or(a.prints_basic_part)
            then coalesce(sum(a.amount_yuan) filter (where a.measure = 'basic'), 0)
        else sum(a.amount_yuan)
    end)::numeric(20, 2) as amount_yuan,
    (case
        when bool_or(a.prints_basic_part)
            then sum(a.amount_yuan) filter (where a.measure != 'basic')
    end)::numeric(20, 2) as printed_total_yuan,
    a.document_id
from amounts as a
inner join {{ ref('int_current_table_documents') }} as d using (document_id)
group by
    d.department_id, d.fiscal_year, d.phase, a.economic_code, a.economic_name, a.expense_category,
    a.is_subtotal, a.document_id
