-- Project money within one document: the 项目支出预算表 adds up to the expenditure table's
-- 项目支出, a target sheet's 年度资金总额 is its row of that list, and a self-evaluation's
-- 全年预算数 − 全年执行数 = 结余.
with docs as (
    {{ reconciliation_documents() }}
),

projects as (
    select
        p.*,
        d.source_unit,
        d.loaded_at
    from {{ ref('stg_projects') }} as p
    inner join docs as d on p.document_id = d.document_id
),

expenditure_project as (
    select
        document_id,
        max(amount_yuan) filter (where table_kind = 'expenditure' and measure = 'project') as project_total
    from {{ ref('stg_functional_amounts') }}
    where is_total and document_id in (select docs.document_id from docs)
    group by document_id
),

-- a target sheet against its row of the list; a name the list prints more than once (one
-- project under several units) is compared with the closest of those rows, once per sheet
target_rows as (
    select distinct on (s.document_id, s.project_seq)
        s.document_id,
        'project.target_matches_budget_list.' || s.project_seq as rule_id,
        s.project_name || ': 绩效目标申报表 年度资金总额 equals its 项目支出预算表 row' as description,
        l.budget_full_year_yuan as expected_yuan,
        s.budget_full_year_yuan as actual_yuan,
        1 as n_cells,
        s.source_unit,
        s.loaded_at
    from projects as s
    inner join projects as l
        on s.document_id = l.document_id and l.phase = 'budget_list' and s.project_name = l.project_name
    where s.phase = 'target'
    order by
        s.document_id,
        s.project_seq,
        abs(coalesce(l.budget_full_year_yuan, 0) - coalesce(s.budget_full_year_yuan, 0)),
        l.project_seq
),

rules as (
    select
        l.document_id,
        'budget.project_list_sum' as rule_id,
        '项目支出预算表 rows add up to 预算支出总表 项目支出' as description,
        t.project_total as expected_yuan,
        sum(l.budget_full_year_yuan) as actual_yuan,
        count(*) as n_cells,
        l.source_unit,
        l.loaded_at
    from projects as l
    inner join expenditure_project as t using (document_id)
    where l.phase = 'budget_list'
    group by l.document_id, t.project_total, l.source_unit, l.loaded_at
    union all
    select
        document_id,
        rule_id,
        description,
        expected_yuan,
        actual_yuan,
        n_cells,
        source_unit,
        loaded_at
    from target_rows
    union all
    select
        document_id,
        'project.funding_balance.' || project_seq as rule_id,
        project_name || ': 全年预算数 − 全年执行数 equals 资金结余' as description,
        budget_full_year_yuan - executed_yuan as expected_yuan,
        balance_yuan as actual_yuan,
        3 as n_cells,
        source_unit,
        loaded_at
    from projects
    where phase = 'self_evaluation' and balance_yuan is not null
)

{{ reconciliation_rows('rules') }}
