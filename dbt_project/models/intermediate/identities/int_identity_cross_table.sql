-- The identities between a document's own tables: 收支总表 收入总计 = 支出总计; its totals equal the
-- 收入表 and 支出表 合计; 财政拨款收支总表 一般公共预算 equals the 一般公共预算支出表 合计; the 基本支出
-- 经济分类 table's 合计 equals that table's 基本支出. Each side is aggregated per document first, so
-- every join is on document_id alone (linear in the number of documents).
with summary as (
    select
        document_id,
        max(amount_yuan) filter (
            where table_kind = 'income_expenditure_summary' and side = 'income' and item_key = 'grand_total'
        ) as income_grand_yuan,
        max(amount_yuan) filter (
            where table_kind = 'income_expenditure_summary' and side = 'expenditure' and item_key = 'grand_total'
        ) as expenditure_grand_yuan,
        max(amount_yuan) filter (
            where table_kind = 'income_expenditure_summary' and side = 'income' and item_key = 'income_total'
        ) as income_total_yuan,
        max(amount_yuan) filter (
            where table_kind = 'income_expenditure_summary' and side = 'expenditure'
            and item_key = 'expenditure_total'
        ) as expenditure_total_yuan,
        min(page) filter (where table_kind = 'income_expenditure_summary') as summary_page,
        min(line_no) filter (where table_kind = 'income_expenditure_summary') as summary_line_no
    from {{ ref('stg_summary_amounts') }}
    where measure in ('amount', 'total') and {{ in_changed_documents() }}
    group by document_id
),

-- 财政拨款收支总表: the 一般公共预算 column of 本年支出合计 (else of 支出总计, where no 合计 is printed)
fiscal as (
    select
        document_id,
        coalesce(
            max(amount_yuan) filter (where item_key = 'expenditure_total'),
            max(amount_yuan) filter (where item_key = 'grand_total')
        ) as general_budget_yuan,
        min(page) as page,
        min(line_no) as line_no
    from {{ ref('stg_summary_amounts') }}
    where
        table_kind = 'fiscal_summary' and side = 'expenditure' and measure = 'general_public_budget'
        and {{ in_changed_documents() }}
    group by document_id
),

detail as (
    select
        document_id,
        max(amount_yuan) filter (where table_kind = 'income' and is_total and measure = 'total') as income_table_yuan,
        bool_or(table_kind = 'income' and measure like 'carryover%') as income_table_has_carryover,
        -- a 支出表 by source of funds (合计 | 一般公共预算拨款 | … | 上年结转) spends the carry-over too
        bool_or(table_kind = 'expenditure' and measure like 'carryover%') as expenditure_table_has_carryover,
        max(amount_yuan) filter (
            where table_kind = 'expenditure' and is_total and measure = 'total'
        ) as expenditure_table_yuan,
        max(amount_yuan) filter (
            where table_kind = 'general_budget_expenditure' and is_total and measure = 'total'
        ) as general_budget_table_yuan,
        max(amount_yuan) filter (
            where table_kind = 'general_budget_expenditure' and is_total and measure = 'basic'
        ) as general_budget_basic_yuan,
        min(page) filter (where table_kind = 'income' and is_total) as income_page,
        min(line_no) filter (where table_kind = 'income' and is_total) as income_line_no,
        min(page) filter (where table_kind = 'expenditure' and is_total) as expenditure_page,
        min(line_no) filter (where table_kind = 'expenditure' and is_total) as expenditure_line_no,
        min(page) filter (where table_kind = 'general_budget_expenditure' and is_total) as general_budget_page,
        min(line_no) filter (where table_kind = 'general_budget_expenditure' and is_total) as general_budget_line_no
    from {{ ref('int_functional_source_rows') }}
    where {{ in_changed_documents() }}
    group by document_id
),

-- the 基本支出 tables, each from its title's line to the next one's; a document printing several
-- (one over all funds, one over 一般公共预算 alone) is held to the 一般公共预算 one, which is what
-- the 一般公共预算支出表's 基本支出 column counts
basic_tables as (
    select
        document_id,
        line_no,
        lead(line_no) over (partition by document_id order by line_no) as next_line_no,
        title like '%一般公共预算%' as is_general_budget
    from {{ source('staging', 'document_table') }}
    where table_kind = 'basic_expenditure_economic' and {{ in_changed_documents() }}
),

basic_rows as (
    select
        r.*,
        t.is_general_budget,
        bool_or(t.is_general_budget) over (partition by r.document_id) as document_has_general_budget
    from {{ ref('stg_economic_amounts') }} as r
    inner join basic_tables as t
        on
            r.document_id = t.document_id
            and r.line_no >= t.line_no
            and (t.next_line_no is null or r.line_no < t.next_line_no)
    where r.table_kind = 'basic_expenditure_economic' and {{ in_changed_documents('r.document_id') }}
),

-- the 基本支出 table's total: its 合计 row in the 基本支出 column where it prints one beside project
-- spending, else the 人员经费 + 公用经费 columns where it prints 项目支出 too, else the 合计 row's amount,
-- else 人员经费合计 + 公用经费合计 (in their 其中：基本支出 column where the table prints one beside 金额)
economic as (
    select
        document_id,
        coalesce(
            max(amount_yuan) filter (where is_total_row and measure = 'basic'),
            case
                when bool_or(measure = 'project')
                    then
                        max(amount_yuan) filter (where is_total_row and measure = 'personnel')
                        + max(amount_yuan) filter (where is_total_row and measure = 'public')
            end,
            case
                when not bool_or(measure = 'project')
                    then max(amount_yuan) filter (where is_total_row and measure in ('amount', 'total'))
            end,
            coalesce(
                max(amount_yuan) filter (where economic_name = '人员经费合计' and measure = 'basic'),
                max(amount_yuan) filter (where economic_name = '人员经费合计' and measure in ('amount', 'total'))
            )
            + coalesce(
                max(amount_yuan) filter (where economic_name = '公用经费合计' and measure = 'basic'),
                max(amount_yuan) filter (where economic_name = '公用经费合计' and measure in ('amount', 'total'))
            )
        ) as basic_total_yuan,
        count(*) filter (where is_total_row) as total_cells
    from (
        select
            *,
            economic_code is null and economic_name in ('合计', '总计') as is_total_row
        from basic_rows
        where is_general_budget or not document_has_general_budget
    ) as chosen_rows
    group by document_id
),

rules as (
    select
        document_id,
        'summary.income_equals_expenditure' as rule_id,
        '收支总表: 收入总计 equals 支出总计' as description,
        'income_expenditure_summary' as table_kind,
        'grand_total' as measure,
        summary_page as page,
        summary_line_no as line_no,
        income_grand_yuan as expected_yuan,
        expenditure_grand_yuan as actual_yuan,
        1 as n_cells
    from summary
    union all
    select
        d.document_id,
        'summary.income_matches_income_table' as rule_id,
        '收入表 合计 equals 收支总表 本年收入合计 (收入总计 where the 收入表 counts the carry-over or no 合计 is printed)'
            as description,
        'income' as table_kind,
        'total' as measure,
        d.income_page as page,
        d.income_line_no as line_no,
        d.income_table_yuan as expected_yuan,
        case
            when d.income_table_has_carryover or s.income_total_yuan is null then s.income_grand_yuan
            else s.income_total_yuan
        end as actual_yuan,
        1 as n_cells
    from detail as d
    inner join summary as s using (document_id)
    union all
    select
        d.document_id,
        'summary.expenditure_matches_expenditure_table' as rule_id,
        '支出表 合计 equals 收支总表 本年支出合计 (支出总计 where the 支出表 counts the carry-over or no 合计 is printed)'
            as description,
        'expenditure' as table_kind,
        'total' as measure,
        d.expenditure_page as page,
        d.expenditure_line_no as line_no,
        d.expenditure_table_yuan as expected_yuan,
        case
            when d.expenditure_table_has_carryover or s.expenditure_total_yuan is null then s.expenditure_grand_yuan
            else s.expenditure_total_yuan
        end as actual_yuan,
        1 as n_cells
    from detail as d
    inner join summary as s using (document_id)
    union all
    select
        d.document_id,
        'fiscal.general_budget_matches_table' as rule_id,
        '财政拨款收支总表 一般公共预算 支出 equals 一般公共预算支出表 合计' as description,
        'general_budget_expenditure' as table_kind,
        'total' as measure,
        d.general_budget_page as page,
        d.general_budget_line_no as line_no,
        f.general_budget_yuan as expected_yuan,
        d.general_budget_table_yuan as actual_yuan,
        1 as n_cells
    from detail as d
    inner join fiscal as f using (document_id)
    union all
    select
        d.document_id,
        'basic.economic_matches_functional_basic' as rule_id,
        '基本支出表 合计 equals the 一般公共预算支出表 基本支出' as description,
        'basic_expenditure_economic' as table_kind,
        'basic' as measure,
        d.general_budget_page as page,
        d.general_budget_line_no as line_no,
        d.general_budget_basic_yuan as expected_yuan,
        e.basic_total_yuan as actual_yuan,
        2 as n_cells
    from detail as d
    inner join economic as e using (document_id)
)

select * from rules
where expected_yuan is not null and actual_yuan is not null
