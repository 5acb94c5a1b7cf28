-- Every reconciliation rule evaluated per document (all versions, so a superseded
-- document's contradictions stay visible). Source contradictions are data: nothing here
-- changes a printed number. Tolerance per CONTRACT.md: (n summed cells + 1) × half of the
-- last printed digit in the table's unit.
with docs as (
    select document_id, source_unit from {{ ref('int_documents') }}
),

functional as (
    select a.*, d.source_unit
    from {{ ref('stg_functional_amounts') }} a join docs d using (document_id)
),

-- each 类 = sum of its 款, each 款 = sum of its 项 (per table and column)
hierarchy as (
    select
        parent.document_id,
        'functional.' || parent.table_kind || '.' || parent.measure || '.'
            || case length(parent.functional_code) when 3 then 'class' else 'section' end
            || '_sum.' || parent.functional_code as rule_id,
        parent.table_kind || ' ' || parent.measure || ': ' || parent.functional_code || ' '
            || parent.functional_name || ' equals the sum of its sub-items' as description,
        parent.amount_yuan as expected_yuan,
        sum(child.amount_yuan) as actual_yuan,
        count(*) as n_cells,
        parent.source_unit
    from functional parent
    join functional child
      on child.document_id = parent.document_id and child.table_kind = parent.table_kind
     and child.measure = parent.measure and not child.is_total
     and length(child.functional_code) = length(parent.functional_code) + 2
     and left(child.functional_code, length(parent.functional_code)) = parent.functional_code
    where not parent.is_total and length(parent.functional_code) in (3, 5)
    group by parent.document_id, parent.table_kind, parent.measure, parent.functional_code,
             parent.functional_name, parent.amount_yuan, parent.source_unit
),

-- 合计 = sum of the 类
grand_total as (
    select
        t.document_id,
        'functional.' || t.table_kind || '.' || t.measure || '.total_sum' as rule_id,
        t.table_kind || ' ' || t.measure || ': 合计 equals the sum of the 类' as description,
        t.amount_yuan as expected_yuan,
        sum(c.amount_yuan) as actual_yuan,
        count(c.*) as n_cells,
        t.source_unit
    from functional t
    join functional c
      on c.document_id = t.document_id and c.table_kind = t.table_kind and c.measure = t.measure
     and length(c.functional_code) = 3
    where t.is_total
    group by t.document_id, t.table_kind, t.measure, t.amount_yuan, t.source_unit
),

-- total = basic + project, row by row, in 支出决算表 and 一般公共预算财政拨款支出决算表
basic_project as (
    select
        p.document_id,
        'functional.' || p.table_kind || '.total_basic_project.' || coalesce(p.functional_code, 'total') as rule_id,
        p.table_kind || ': ' || coalesce(p.functional_code || ' ' || p.functional_name, '合计')
            || ' total equals basic + project' as description,
        p.total_yuan as expected_yuan,
        coalesce(p.basic_yuan, 0) + coalesce(p.project_yuan, 0) as actual_yuan,
        2 as n_cells,
        d.source_unit
    from {{ ref('int_functional_pivoted') }} p
    join docs d using (document_id)
    where p.table_kind in ('expenditure', 'general_budget_expenditure')
      and p.basic_yuan is not null and p.project_yuan is not null
),

summary as (
    select
        s.document_id,
        max(amount_yuan) filter (where table_kind = 'income_expenditure_summary' and side = 'income'
                                 and item_key = 'income_total') as income_total,
        max(amount_yuan) filter (where table_kind = 'income_expenditure_summary' and side = 'expenditure'
                                 and item_key = 'expenditure_total') as expenditure_total,
        max(amount_yuan) filter (where table_kind = 'fiscal_summary' and side = 'expenditure'
                                 and item_key = 'expenditure_total') as fiscal_expenditure_total,
        max(amount_yuan) filter (where table_kind = 'income_expenditure_summary' and side = 'income'
                                 and item_key like 'carryover_begin%') as carryover
    from {{ ref('stg_summary_amounts') }} s
    where measure in ('amount', 'total')
    group by s.document_id
),

table_totals as (
    select
        document_id,
        max(amount_yuan) filter (where table_kind = 'income' and measure = 'total') as income_table_total,
        max(amount_yuan) filter (where table_kind = 'expenditure' and measure = 'total') as expenditure_table_total,
        max(amount_yuan) filter (where table_kind = 'expenditure' and measure = 'basic') as basic_total,
        max(amount_yuan) filter (where table_kind = 'expenditure' and measure = 'project') as expenditure_project,
        max(amount_yuan) filter (where table_kind = 'general_budget_expenditure' and measure = 'total')
            as general_budget_total,
        max(amount_yuan) filter (where table_kind = 'general_budget_expenditure' and measure = 'basic')
            as general_budget_basic
    from functional
    where is_total
    group by document_id
),

economic as (
    select
        document_id,
        -- where the table prints 其中：基本支出 beside 金额 (basic and project together), use that column
        coalesce(max(amount_yuan) filter (where economic_name = '人员经费合计' and measure = 'basic'),
                 max(amount_yuan) filter (where economic_name = '人员经费合计'),
                 -- budgets (预算公开表6): the 合计 row's 人员经费 and 公用经费 columns
                 max(amount_yuan) filter (where economic_name = '合计' and measure = 'personnel')) as personnel,
        coalesce(max(amount_yuan) filter (where economic_name = '公用经费合计' and measure = 'basic'),
                 max(amount_yuan) filter (where economic_name = '公用经费合计'),
                 max(amount_yuan) filter (where economic_name = '合计' and measure = 'public')) as public
    from {{ ref('stg_economic_amounts') }}
    where economic_code is null and measure in ('amount', 'total', 'basic', 'personnel', 'public')
    group by document_id
),

cross_table as (
    select document_id, 'summary.income_total_matches_income_table' as rule_id,
           '收入支出决算总表 本年收入合计 equals 收入决算表 合计' as description,
           s.income_total as expected_yuan, t.income_table_total as actual_yuan, 1 as n_cells, d.source_unit
    from summary s join table_totals t using (document_id) join docs d using (document_id)
    union all
    select document_id, 'summary.expenditure_total_matches_expenditure_table',
           '收入支出决算总表 本年支出合计 equals 支出决算表 合计',
           s.expenditure_total, t.expenditure_table_total, 1, d.source_unit
    from summary s join table_totals t using (document_id) join docs d using (document_id)
    union all
    select document_id, 'summary.income_equals_expenditure',
           '本年收入合计 equals 本年支出合计 (no carry-over)',
           s.income_total, s.expenditure_total, 1, d.source_unit
    from summary s join docs d using (document_id)
    where coalesce(s.carryover, 0) = 0
    union all
    select document_id, 'fiscal.total_matches_general_budget',
           '财政拨款收入支出决算总表 支出合计 equals 一般公共预算财政拨款支出决算表 合计',
           s.fiscal_expenditure_total, t.general_budget_total, 1, d.source_unit
    from summary s join table_totals t using (document_id) join docs d using (document_id)
    union all
    select document_id, 'economic.basic_equals_personnel_plus_public',
           '一般公共预算 基本支出 equals 人员经费合计 + 公用经费合计',
           t.general_budget_basic, e.personnel + e.public, 2, d.source_unit
    from table_totals t join economic e using (document_id) join docs d using (document_id)
),

-- each economic class equals the sum of its items. Items are summed per class first and rows
-- are told apart by is_subtotal (a column with statistics), not by length(code): on an
-- expression the planner guesses a handful of rows and picks nested loops (minutes at
-- 10,000 documents)
economic_items_by_class as (
    select document_id, measure, left(economic_code, 3) as class_code,
           sum(amount_yuan) as items_yuan, count(*) as n_items
    from {{ ref('stg_economic_amounts') }}
    where economic_code is not null and not is_subtotal
    group by document_id, measure, left(economic_code, 3)
),

economic_classes as (
    select
        parent.document_id,
        'economic.class_sum.' || parent.economic_code as rule_id,
        parent.economic_code || ' ' || parent.economic_name || ' equals the sum of its items' as description,
        parent.amount_yuan as expected_yuan,
        c.items_yuan as actual_yuan,
        c.n_items as n_cells,
        d.source_unit
    from {{ ref('stg_economic_amounts') }} parent
    join economic_items_by_class c
      on c.document_id = parent.document_id and c.measure = parent.measure and c.class_code = parent.economic_code
    join docs d on d.document_id = parent.document_id
    where parent.economic_code is not null and parent.is_subtotal and parent.measure in ('amount', 'total')
),

three_public as (
    select
        t.document_id,
        t.phase,
        max(amount_yuan) filter (where item = 'total') as total,
        max(amount_yuan) filter (where item = 'overseas_travel') as overseas,
        max(amount_yuan) filter (where item = 'vehicles_total') as vehicles,
        max(amount_yuan) filter (where item = 'vehicle_purchase') as purchase,
        max(amount_yuan) filter (where item = 'vehicle_operation') as operation,
        max(amount_yuan) filter (where item = 'official_reception') as reception
    from {{ ref('stg_three_public_amounts') }} t
    group by t.document_id, t.phase
),

three_public_rules as (
    select document_id, 'three_public.' || phase || '.vehicles_sum',
           '三公 ' || phase || ': 公务用车 小计 equals 购置 + 运行维护', vehicles, purchase + operation, 2, d.source_unit
    from three_public join docs d using (document_id)
    union all
    select document_id, 'three_public.' || phase || '.total_sum',
           '三公 ' || phase || ': 合计 equals 出国 + 公务用车小计 + 接待', total, overseas + vehicles + reception, 3,
           d.source_unit
    from three_public join docs d using (document_id)
),

procurement as (
    select
        document_id,
        max(amount_yuan) filter (where item = 'total') as total,
        coalesce(max(amount_yuan) filter (where item = 'goods'), 0)
            + coalesce(max(amount_yuan) filter (where item = 'works'), 0)
            + coalesce(max(amount_yuan) filter (where item = 'services'), 0) as parts
    from {{ ref('stg_statistics') }}
    where section = 'procurement' and reported_in = 'table'
    group by document_id
),

procurement_rules as (
    select document_id, 'procurement.total_sum', '政府采购 合计 equals 货物 + 工程 + 服务',
           total, parts, 3, d.source_unit
    from procurement join docs d using (document_id)
),

narrative as (
    select n.*, d.source_unit from {{ ref('stg_narrative_facts') }} n join docs d using (document_id)
),

-- a percentage the prose states equals the ratio of the two amounts it states beside it:
-- "年初预算1,433.90万元，支出决算1,214.68万元，完成年初预算的84.71%"
stated_rates as (
    select
        document_id,
        'narrative.completion_rate.line_' || line_no || coalesce('.' || min(label) filter (where kind = 'amount' and label like '%预算'), '') as rule_id,
        'stated completion rate (percent) equals 决算 / 预算 stated in the same sentence: ' || left(quote, 60) as description,
        max(value) filter (where kind = 'percent' and label like '完成%预算%') as expected,
        round(100 * max(value) filter (where kind = 'amount' and label like '%决算%')
              / nullif(max(value) filter (where kind = 'amount' and label like '%预算'), 0), 2) as actual
    from narrative
    group by document_id, line_no, quote
    having count(*) filter (where kind = 'percent' and label like '完成%预算%') = 1
       and count(*) filter (where kind = 'amount' and label like '%预算') = 1
       and count(*) filter (where kind = 'amount' and label like '%决算%') = 1
),

-- the 三公 completion rate the prose states equals the table's 决算数 / 预算数
three_public_rate as (
    select distinct on (n.document_id)
        n.document_id,
        'narrative.three_public_completion_rate' as rule_id,
        'stated 三公 completion rate (percent) equals the 三公 table''s actual / budget' as description,
        n.value as expected,
        round(100 * t.actual_total / nullif(t.budget_total, 0), 2) as actual
    from narrative n
    join (select document_id,
                 max(amount_yuan) filter (where phase = 'actual' and item = 'total') as actual_total,
                 max(amount_yuan) filter (where phase = 'budget' and item = 'total') as budget_total
          from {{ ref('stg_three_public_amounts') }} group by document_id) t using (document_id)
    where n.kind = 'percent' and n.label like '完成%预算%' and n.quote like '%三公%'
    order by n.document_id, n.line_no
),

percent_rules as (
    select document_id, rule_id, description, expected, actual, abs(actual - expected) <= 0.02 as ok from stated_rates
    union all
    select document_id, rule_id, description, expected, actual, abs(actual - expected) <= 0.02 from three_public_rate
),

-- an economic item the prose names equals the basic-spending detail table's amount; two
-- printings of one value may differ by one unit of the last printed digit
basic_spending_lines as (
    -- the paragraph about basic spending (人员经费 … 公用经费 …), not the 三公 one
    select distinct document_id, line_no from narrative where label in ('人员经费', '公用经费')
),

economic_items as (
    select distinct on (n.document_id, e.economic_code)
        n.document_id,
        'narrative.economic_item.' || e.economic_code as rule_id,
        'prose amount of ' || e.economic_code || ' ' || e.economic_name || ' equals the basic-spending table' as description,
        e.amount_yuan as expected_yuan,
        n.value as actual_yuan,
        power(10::numeric, -coalesce(length(split_part(n.printed, '.', 2)), 0))
            * case n.printed_unit when '万元' then 10000 else 1 end as tolerance
    from narrative n
    join basic_spending_lines b on b.document_id = n.document_id and b.line_no = n.line_no
    join {{ ref('stg_economic_amounts') }} e
      on e.document_id = n.document_id and e.economic_name = n.label and e.economic_code is not null
     and e.measure in ('amount', 'total')
    where n.kind = 'amount'
    order by n.document_id, e.economic_code, n.line_no
),

projects as (
    select p.*, d.source_unit from {{ ref('stg_projects') }} p join docs d using (document_id)
),

project_rules as (
    -- 项目支出预算表 rows add up to the 项目支出 of the expenditure table
    select l.document_id, 'budget.project_list_sum' as rule_id,
           '项目支出预算表 rows add up to 预算支出总表 项目支出' as description,
           t.expenditure_project as expected_yuan, sum(l.budget_full_year_yuan) as actual_yuan,
           count(*) as n_cells, l.source_unit
    from projects l join table_totals t using (document_id)
    where l.phase = 'budget_list'
    group by l.document_id, t.expenditure_project, l.source_unit
    union all
    -- a target sheet's 年度资金总额 is the project's row of the 项目支出预算表
    select s.document_id, 'project.target_matches_budget_list.' || s.project_seq,
           s.project_name || ': 绩效目标申报表 年度资金总额 equals its 项目支出预算表 row',
           l.budget_full_year_yuan, s.budget_full_year_yuan, 1, s.source_unit
    from projects s
    join projects l on l.document_id = s.document_id and l.phase = 'budget_list' and l.project_name = s.project_name
    where s.phase = 'target'
    union all
    -- a self-evaluation's 全年预算数 − 全年执行数 = 结余
    select document_id, 'project.funding_balance.' || project_seq,
           project_name || ': 全年预算数 − 全年执行数 equals 资金结余',
           budget_full_year_yuan - executed_yuan, balance_yuan, 3, source_unit
    from projects
    where phase = 'self_evaluation' and balance_yuan is not null
),

cross_document as (
    -- the 年初预算 a final account states equals the total of the same department's budget
    select f.document_id, 'cross_document.initial_budget_equals_budget_total' as rule_id,
           '决算 年初预算 equals the 部门预算 收支总表 total of the same department and year' as description,
           b.budget_total as expected_yuan, s.amount_yuan as actual_yuan, 1 as n_cells, f.source_unit
    from {{ ref('int_documents') }} f
    join {{ ref('stg_statistics') }} s
      on s.document_id = f.document_id and s.section = 'budget' and s.item = 'initial_budget_total'
    join (
        select d.department_id, d.fiscal_year, max(a.amount_yuan) as budget_total
        from {{ ref('int_documents') }} d
        join {{ ref('stg_summary_amounts') }} a using (document_id)
        where d.document_kind = 'budget' and d.is_current_for_tables and a.table_kind = 'income_expenditure_summary'
          and a.side = 'income' and a.item_key = 'grand_total'
        group by d.department_id, d.fiscal_year
    ) b on b.department_id = f.department_id and b.fiscal_year = f.fiscal_year
    where f.document_kind <> 'budget'
    union all
    -- a self-evaluation's 年初预算 (预算编制数) is the 年度资金总额 its target sheet declared
    select f.document_id, 'cross_document.project_initial_budget.' || e.project_seq,
           e.project_name || ': 自评表 年初预算 equals the 绩效目标申报表 年度资金总额 of the budget',
           t.budget_full_year_yuan, e.initial_budget_compiled_yuan, 1, f.source_unit
    from {{ ref('int_documents') }} f
    join {{ ref('stg_projects') }} e on e.document_id = f.document_id and e.phase = 'self_evaluation'
    join {{ ref('int_documents') }} b
      on b.department_id = f.department_id and b.fiscal_year = f.fiscal_year
     and b.document_kind = 'budget' and b.is_current_for_tables
    join {{ ref('stg_projects') }} t
      on t.document_id = b.document_id and t.phase = 'target' and t.project_name = e.project_name
    where f.document_kind <> 'budget'
),

all_rules as (
    select document_id, rule_id, description, expected_yuan, actual_yuan, n_cells, source_unit from hierarchy
    union all select * from grand_total
    union all select * from basic_project
    union all select * from cross_table
    union all select * from economic_classes
    union all select * from three_public_rules
    union all select * from procurement_rules
    union all select * from project_rules
    union all select * from cross_document
),

evaluated as (
    select
        document_id,
        rule_id,
        description,
        'yuan' as measured_in,
        expected_yuan,
        actual_yuan,
        {{ yuan_cell_tolerance('n_cells', 'source_unit') }} as tolerance_yuan
    from all_rules
    union all
    select document_id, rule_id, description, 'yuan', expected_yuan, actual_yuan, tolerance
    from economic_items
    union all
    select document_id, rule_id, description, 'percent', expected, actual, 0.02
    from percent_rules
)

select
    document_id,
    rule_id,
    description,
    measured_in,
    expected_yuan::numeric(20, 2) as expected_yuan,
    actual_yuan::numeric(20, 2) as actual_yuan,
    (actual_yuan - expected_yuan)::numeric(20, 2) as difference_yuan,
    tolerance_yuan::numeric(20, 3) as tolerance_yuan,
    case
        when expected_yuan is null or actual_yuan is null then 'not_applicable'
        when abs(actual_yuan - expected_yuan) <= tolerance_yuan then 'pass'
        else 'fail'
    end as status
from evaluated
