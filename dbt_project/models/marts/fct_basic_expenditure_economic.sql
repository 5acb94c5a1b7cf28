{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}],
) }}

-- one source table per document (int_economic_basic_rows); its cells say which hold the basic part
select
    d.department_id,
    d.fiscal_year,
    d.phase,
    a.economic_code,
    -- a code printed under two names (30208 取暖费 and 物业管理费): the first printed
    (array_agg(a.economic_name order by a.line_no))[1] as economic_name,
    a.expense_category,
    a.is_subtotal,
    -- the basic part: 其中：基本支出 or 人员经费 + 公用经费 where printed apart (blank there is none), else the amount
    (case
        when bool_or(a.prints_basic_part)
            then coalesce(sum(a.amount_yuan) filter (where a.is_basic_cell), 0)
        else sum(a.amount_yuan) filter (where a.is_basic_cell)
    end)::numeric(20, 2) as amount_yuan,
    (sum(a.amount_yuan) filter (where a.is_printed_total_cell))::numeric(20, 2) as printed_total_yuan,
    a.document_id
from {{ ref('int_economic_basic_rows') }} as a
inner join {{ ref('int_current_table_documents') }} as d using (document_id)
where a.economic_code is not null and {{ in_changed_documents('a.document_id') }}
group by
    d.department_id, d.fiscal_year, d.phase, a.economic_code, a.expense_category, a.is_subtotal, a.document_id
having bool_or(a.is_basic_cell or a.is_printed_total_cell)
