-- Rules between a final account and the same department's budget of that year: the 年初预算 the
-- final account states is the budget's total, and a self-evaluation's 年初预算 is the 年度资金总额
-- its target sheet declared. A document's rules here depend on another document (the budget current
-- for its department and year): patched by document all the same, as int_document_changes lists
-- every document of a department and year where any changed. Every join is keyed by document or by
-- department and year.

with budget_totals as (
    select
        d.department_id,
        d.fiscal_year,
        max(a.amount_yuan) as budget_total
    from {{ ref('int_documents') }} as d
    inner join {{ ref('stg_summary_amounts') }} as a using (document_id)
    where
        d.document_kind = 'budget'
        and d.is_current_for_tables
        and {{ in_changed_documents('d.document_id') }}
        and a.table_kind = 'income_expenditure_summary'
        and a.side = 'income'
        and a.item_key = 'grand_total'
    group by d.department_id, d.fiscal_year
),

rules as (
    select
        f.document_id,
        'cross_document.initial_budget_equals_budget_total' as rule_id,
        '决算 年初预算 equals the 部门预算 收支总表 total of the same department and year' as description,
        b.budget_total as expected_yuan,
        s.amount_yuan as actual_yuan,
        1 as n_cells,
        f.source_unit,
        f.loaded_at
    from {{ ref('int_documents') }} as f
    inner join {{ ref('stg_statistics') }} as s
        on f.document_id = s.document_id and s.section = 'budget' and s.item = 'initial_budget_total'
    inner join budget_totals as b
        on f.department_id = b.department_id and f.fiscal_year = b.fiscal_year
    where f.document_kind != 'budget' and {{ in_changed_documents('f.document_id') }}
    union all
    select
        f.document_id,
        'cross_document.project_initial_budget.' || e.project_seq as rule_id,
        e.project_name || ': 自评表 年初预算 equals the 绩效目标申报表 年度资金总额 of the budget' as description,
        t.budget_full_year_yuan as expected_yuan,
        e.initial_budget_compiled_yuan as actual_yuan,
        1 as n_cells,
        f.source_unit,
        f.loaded_at
    from {{ ref('int_documents') }} as f
    inner join {{ ref('stg_projects') }} as e
        on f.document_id = e.document_id and e.phase = 'self_evaluation'
    inner join {{ ref('int_documents') }} as b
        on
            f.department_id = b.department_id
            and f.fiscal_year = b.fiscal_year
            and b.document_kind = 'budget'
            and b.is_current_for_tables
    inner join {{ ref('stg_projects') }} as t
        on b.document_id = t.document_id and t.phase = 'target' and e.project_name = t.project_name
    where f.document_kind != 'budget' and {{ in_changed_documents('f.document_id') }}
)

{{ reconciliation_rows('rules') }}
