-- Rules across the tables of one document: the summary table's totals equal the detail tables'
-- 合计, income equals spending when nothing is carried over, and basic = personnel + public.
with docs as (
    {{ reconciliation_documents() }}
),

summary as (
    select
        document_id,
        max(amount_yuan) filter (
            where table_kind = 'income_expenditure_summary' and side = 'income' and item_key = 'income_total'
        ) as income_total,
        max(amount_yuan) filter (
            where table_kind = 'income_expenditure_summary' and side = 'expenditure'
            and item_key = 'expenditure_total'
        ) as expenditure_total,
        max(amount_yuan) filter (
            where table_kind = 'fiscal_summary' and side = 'expenditure' and item_key = 'expenditure_total'
        ) as fiscal_expenditure_total,
        max(amount_yuan) filter (
            where table_kind = 'income_expenditure_summary' and side = 'income'
            and item_key like 'carryover_begin%'
        ) as carryover
    from {{ ref('stg_summary_amounts') }}
    where measure in ('amount', 'total') and document_id in (select docs.document_id from docs)
    group by document_id
),

table_totals as (
    select
        document_id,
        max(amount_yuan) filter (where table_kind = 'income' and measure = 'total') as income_table_total,
        max(amount_yuan) filter (where table_kind = 'expenditure' and measure = 'total') as expenditure_table_total,
        max(amount_yuan) filter (
            where table_kind = 'general_budget_expenditure' and measure = 'total'
        ) as general_budget_total,
        max(amount_yuan) filter (
            where table_kind = 'general_budget_expenditure' and measure = 'basic'
        ) as general_budget_basic
    from {{ ref('stg_functional_amounts') }}
    where is_total and document_id in (select docs.document_id from docs)
    group by document_id
),

economic as (
    select
        document_id,
        -- where the table prints 其中：基本支出 beside 金额 (basic and project together), use that column;
        -- budgets (预算公开表6): the 合计 row's 人员经费 and 公用经费 columns
        coalesce(
            max(amount_yuan) filter (where economic_name = '人员经费合计' and measure = 'basic'),
            max(amount_yuan) filter (where economic_name = '人员经费合计'),
            max(amount_yuan) filter (where economic_name = '合计' and measure = 'personnel')
        ) as personnel_yuan,
        coalesce(
            max(amount_yuan) filter (where economic_name = '公用经费合计' and measure = 'basic'),
            max(amount_yuan) filter (where economic_name = '公用经费合计'),
            max(amount_yuan) filter (where economic_name = '合计' and measure = 'public')
        ) as public_yuan
    from {{ ref('stg_economic_amounts') }}
    where
        economic_code is null and measure in ('amount', 'total', 'basic', 'personnel', 'public')
        and document_id in (select docs.document_id from docs)
    group by document_id
),

rules as (
    select
        document_id,
        'summary.income_total_matches_income_table' as rule_id,
        '收入支出决算总表 本年收入合计 equals 收入决算表 合计' as description,
        s.income_total as expected_yuan,
        t.income_table_total as actual_yuan,
        1 as n_cells,
        d.source_unit,
        d.loaded_at
    from summary as s
    inner join table_totals as t using (document_id)
    inner join docs as d using (document_id)
    union all
    select
        document_id,
        'summary.expenditure_total_matches_expenditure_table' as rule_id,
        '收入支出决算总表 本年支出合计 equals 支出决算表 合计' as description,
        s.expenditure_total as expected_yuan,
        t.expenditure_table_total as actual_yuan,
        1 as n_cells,
        d.source_unit,
        d.loaded_at
    from summary as s
    inner join table_totals as t using (document_id)
    inner join docs as d using (document_id)
    union all
    select
        document_id,
        'summary.income_equals_expenditure' as rule_id,
        '本年收入合计 equals 本年支出合计 (no carry-over)' as description,
        s.income_total as expected_yuan,
        s.expenditure_total as actual_yuan,
        1 as n_cells,
        d.source_unit,
        d.loaded_at
    from summary as s
    inner join docs as d using (document_id)
    where coalesce(s.carryover, 0) = 0
    union all
    select
        document_id,
        'fiscal.total_matches_general_budget' as rule_id,
        '财政拨款收入支出决算总表 支出合计 equals 一般公共预算财政拨款支出决算表 合计' as description,
        s.fiscal_expenditure_total as expected_yuan,
        t.general_budget_total as actual_yuan,
        1 as n_cells,
        d.source_unit,
        d.loaded_at
    from summary as s
    inner join table_totals as t using (document_id)
    inner join docs as d using (document_id)
    union all
    select
        document_id,
        'economic.basic_equals_personnel_plus_public' as rule_id,
        '一般公共预算 基本支出 equals 人员经费合计 + 公用经费合计' as description,
        t.general_budget_basic as expected_yuan,
        e.personnel_yuan + e.public_yuan as actual_yuan,
        2 as n_cells,
        d.source_unit,
        d.loaded_at
    from table_totals as t
    inner join economic as e using (document_id)
    inner join docs as d using (document_id)
)

{{ reconciliation_rows('rules') }}
