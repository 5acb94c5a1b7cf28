{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}],
) }}

-- 三公经费 per department, year and item: the final account's 预算数/决算数 where one is
-- loaded; a budget document alone gives the budget only.
with amounts as (
    select
        t.*,
        d.department_id,
        d.fiscal_year,
        d.document_kind
    from {{ ref('stg_three_public_amounts') }} as t
    inner join {{ ref('int_current_table_documents') }} as d using (document_id)
    where {{ in_changed_documents('t.document_id') }}
),

per_document as (
    select
        department_id,
        fiscal_year,
        item,
        document_id,
        document_kind,
        -- a document printing its 三公 in two tables (三公 and 三公及会议费、培训费) states each figure twice
        max(amount_yuan) filter (where phase = 'budget') as budget_yuan,
        max(amount_yuan) filter (where phase = 'actual') as actual_yuan
    from amounts
    group by department_id, fiscal_year, item, document_id, document_kind
),

preferred as (
    select
        *,
        row_number() over (
            partition by department_id, fiscal_year, item
            order by (document_kind = 'final_account') desc, document_id
        ) as pick
    from per_document
)

select
    department_id,
    fiscal_year,
    item,
    budget_yuan::numeric(20, 2) as budget_yuan,
    actual_yuan::numeric(20, 2) as actual_yuan,
    case when budget_yuan > 0 then round(actual_yuan / budget_yuan, 4) end as execution_rate,
    document_id
from preferred
where pick = 1
