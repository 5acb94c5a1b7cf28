{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}],
) }}

select
    department_id,
    fiscal_year,
    phase,
    case table_kind
        when 'expenditure' then 'all_funds'
        when 'general_budget_expenditure' then 'general_public_budget'
        when 'government_fund' then 'government_fund'
        when 'state_capital' then 'state_capital'
    end as funding_scope,
    functional_code,
    functional_name,
    {{ functional_level("functional_code") }} as level,
    coalesce(total_yuan, coalesce(basic_yuan, 0) + coalesce(project_yuan, 0))::numeric(20, 2) as total_yuan,
    basic_yuan::numeric(20, 2) as basic_yuan,
    project_yuan::numeric(20, 2) as project_yuan,
    document_id,
    line_no
from {{ ref('int_functional_pivoted') }}
where
    table_kind in ('expenditure', 'general_budget_expenditure', 'government_fund', 'state_capital')
    and not is_total
    and {{ in_changed_documents() }}
