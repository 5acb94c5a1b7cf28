{{ config(indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}]) }}

-- One row per department and fiscal year: the headline figures of the final account, the
-- budget of the same year where its document is loaded, and year-over-year changes.
with docs as (
    select * from {{ ref('int_current_documents') }}
),

finals as (
    -- one document per department and year: the one current for tables (one per twin group), else the text
    select distinct on (department_id, fiscal_year) *
    from docs
    where document_kind = 'final_account'
    order by
        department_id asc, fiscal_year asc, (disclosure_scope = 'department') desc, is_current_for_tables desc,
        loaded_at desc
),

summary as (
    select
        document_id,
        max(amount_yuan) filter (where side = 'income' and item_key = 'income_total') as total_income_yuan,
        max(amount_yuan) filter (
            where side = 'expenditure' and item_key = 'expenditure_total'
        ) as total_expenditure_yuan,
        max(amount_yuan) filter (where side = 'income' and item_key = 'grand_total') as grand_total_yuan
    from {{ ref('stg_summary_amounts') }}
    where table_kind = 'income_expenditure_summary' and measure in ('amount', 'total')
    group by document_id
),

spending as (
    select
        document_id,
        basic_yuan,
        project_yuan,
        total_yuan
    from {{ ref('int_functional_pivoted') }}
    where table_kind = 'expenditure' and is_total
),

economic as (
    select
        document_id,
        -- where the table prints 其中：基本支出 beside 金额 (basic and project together), that column
        coalesce(
            max(amount_yuan) filter (where economic_name = '人员经费合计' and measure = 'basic'),
            max(amount_yuan) filter (where economic_name = '人员经费合计')
        ) as personnel_yuan,
        coalesce(
            max(amount_yuan) filter (where economic_name = '公用经费合计' and measure = 'basic'),
            max(amount_yuan) filter (where economic_name = '公用经费合计')
        ) as public_yuan
    from {{ ref('stg_economic_amounts') }}
    where economic_code is null
    group by document_id
),

three_public as (
    select
        department_id,
        fiscal_year,
        actual_yuan,
        budget_yuan
    from {{ ref('fct_three_public_expenses') }}
    where item = 'total'
),

procurement as (
    select
        department_id,
        fiscal_year,
        total_yuan
    from {{ ref('fct_procurement') }}
    where phase = 'final'
),

budgets as (
    select
        d.department_id,
        d.fiscal_year,
        coalesce(
            max(s.amount_yuan) filter (where s.item_key = 'income_total'),
            max(s.amount_yuan) filter (where s.item_key = 'grand_total')
        ) as budget_total_yuan
    from docs as d
    inner join {{ ref('stg_summary_amounts') }} as s using (document_id)
    where
        d.document_kind = 'budget' and d.is_current_for_tables
        and s.table_kind = 'income_expenditure_summary' and s.side = 'income'
    group by d.department_id, d.fiscal_year
),

-- the 年初预算 a final account states for itself, where no budget document is loaded
stated_budgets as (
    select
        twin_group_key,
        max(amount_yuan) as stated_budget_yuan
    from {{ ref('int_current_statistics') }}
    where section = 'budget' and item = 'initial_budget_total'
    group by twin_group_key
),

vehicles as (
    select
        twin_group_key,
        max(count_value) as vehicle_count
    from {{ ref('int_current_statistics') }}
    where section = 'assets' and item = 'vehicles_total'
    group by twin_group_key
),

projects as (
    select
        document_id,
        count(*) as project_count
    from {{ ref('stg_projects') }}
    where phase = 'self_evaluation'
    group by document_id
),

yearly as (
    select
        f.department_id,
        dep.department_name,
        f.fiscal_year,
        f.document_id,
        s.total_income_yuan,
        s.total_expenditure_yuan,
        sp.basic_yuan,
        sp.project_yuan,
        e.personnel_yuan,
        e.public_yuan,
        tp.actual_yuan as three_public_actual_yuan,
        tp.budget_yuan as three_public_budget_yuan,
        pr.total_yuan as procurement_total_yuan,
        coalesce(b.budget_total_yuan, sb.stated_budget_yuan) as budget_total_yuan,
        case
            when coalesce(b.budget_total_yuan, sb.stated_budget_yuan) > 0
                then round(s.total_expenditure_yuan / coalesce(b.budget_total_yuan, sb.stated_budget_yuan), 4)
        end as budget_execution_rate,
        v.vehicle_count,
        coalesce(p.project_count, 0)::integer as project_count
    from finals as f
    inner join {{ ref('dim_department') }} as dep using (department_id)
    left join summary as s using (document_id)
    left join spending as sp using (document_id)
    left join economic as e using (document_id)
    left join three_public as tp on f.department_id = tp.department_id and f.fiscal_year = tp.fiscal_year
    left join procurement as pr on f.department_id = pr.department_id and f.fiscal_year = pr.fiscal_year
    left join budgets as b on f.department_id = b.department_id and f.fiscal_year = b.fiscal_year
    left join stated_budgets as sb using (twin_group_key)
    left join vehicles as v using (twin_group_key)
    left join projects as p using (document_id)
),

with_prior as (
    select
        y.*,
        prior_year.total_income_yuan as prior_total_income_yuan,
        prior_year.total_expenditure_yuan as prior_total_expenditure_yuan,
        prior_year.three_public_actual_yuan as prior_three_public_actual_yuan
    from yearly as y
    left join yearly as prior_year
        on y.department_id = prior_year.department_id and y.fiscal_year - 1 = prior_year.fiscal_year
)

select
    department_id,
    department_name,
    fiscal_year,
    total_income_yuan,
    total_expenditure_yuan,
    basic_yuan,
    project_yuan,
    personnel_yuan,
    public_yuan,
    three_public_actual_yuan,
    three_public_budget_yuan,
    procurement_total_yuan,
    budget_total_yuan,
    budget_execution_rate,
    vehicle_count,
    project_count,
    (total_income_yuan - prior_total_income_yuan)::numeric(20, 2) as total_income_yoy_change_yuan,
    case
        when prior_total_income_yuan > 0
            then round((total_income_yuan - prior_total_income_yuan) / prior_total_income_yuan, 4)
    end as total_income_yoy_rate,
    (total_expenditure_yuan - prior_total_expenditure_yuan)::numeric(20, 2) as total_expenditure_yoy_change_yuan,
    case
        when prior_total_expenditure_yuan > 0
            then round((total_expenditure_yuan - prior_total_expenditure_yuan) / prior_total_expenditure_yuan, 4)
    end as total_expenditure_yoy_rate,
    (three_public_actual_yuan - prior_three_public_actual_yuan)::numeric(20, 2)
        as three_public_actual_yoy_change_yuan,
    case
        when prior_three_public_actual_yuan > 0
            then round(
                (three_public_actual_yuan - prior_three_public_actual_yuan) / prior_three_public_actual_yuan, 4
            )
    end as three_public_actual_yoy_rate,
    document_id
from with_prior
