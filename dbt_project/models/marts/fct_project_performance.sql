{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}],
) }}

select
    d.department_id,
    d.fiscal_year,
    p.project_seq,
    p.project_name,
    p.phase,
    p.sheet_layout,
    p.budget_unit,
    p.initial_budget_compiled_yuan,
    coalesce(p.budget_full_year_yuan, p.initial_budget_compiled_yuan) as budget_yuan,
    p.executed_yuan,
    p.balance_yuan,
    p.implementation_period_total_yuan,
    coalesce(
        p.execution_rate,
        case when p.budget_full_year_yuan > 0 then round(p.executed_yuan / p.budget_full_year_yuan, 4) end)
        as execution_rate,
    p.score,
    p.grade,
    p.document_id
from {{ ref('stg_projects') }} as p
inner join {{ ref('int_current_table_documents') }} as d using (document_id)
where p.phase in ('target', 'self_evaluation') and {{ in_changed_documents('p.document_id') }}
