-- Rules on the tables keyed by 功能分类: each 类 = Σ 款 and each 款 = Σ 项 (per table and column),
-- 合计 = Σ 类, and total = basic + project row by row, on each document's source table per kind.
with docs as (
    {{ reconciliation_documents() }}
),

functional as (
    select
        a.document_id,
        a.table_kind,
        a.functional_code,
        a.functional_name,
        a.measure,
        a.amount_yuan,
        a.is_total,
        d.source_unit,
        d.loaded_at
    from {{ ref('int_functional_source_rows') }} as a
    inner join docs as d on a.document_id = d.document_id
),

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
        parent.source_unit,
        parent.loaded_at
    from functional as parent
    inner join functional as child
        on
            parent.document_id = child.document_id
            and parent.table_kind = child.table_kind
            and parent.measure = child.measure
            and not child.is_total
            and length(child.functional_code) = length(parent.functional_code) + 2
            and left(child.functional_code, length(parent.functional_code)) = parent.functional_code
    where not parent.is_total and length(parent.functional_code) in (3, 5)
    group by
        parent.document_id, parent.table_kind, parent.measure, parent.functional_code,
        parent.functional_name, parent.amount_yuan, parent.source_unit, parent.loaded_at
),

grand_total as (
    select
        t.document_id,
        'functional.' || t.table_kind || '.' || t.measure || '.total_sum' as rule_id,
        t.table_kind || ' ' || t.measure || ': 合计 equals the sum of the 类' as description,
        t.amount_yuan as expected_yuan,
        sum(c.amount_yuan) as actual_yuan,
        count(c.*) as n_cells,
        t.source_unit,
        t.loaded_at
    from functional as t
    inner join functional as c
        on
            t.document_id = c.document_id
            and t.table_kind = c.table_kind
            and t.measure = c.measure
            and length(c.functional_code) = 3
    where t.is_total
    group by t.document_id, t.table_kind, t.measure, t.amount_yuan, t.source_unit, t.loaded_at
),

-- the source tables pivoted to one row per code (as int_functional_pivoted, but for every document,
-- not only the current ones: a superseded document's rules stay)
pivoted as (
    select
        document_id,
        source_unit,
        loaded_at,
        table_kind,
        functional_code,
        max(functional_name) as functional_name,
        sum(amount_yuan) filter (where measure = 'total') as total_yuan,
        sum(amount_yuan) filter (where measure = 'basic') as basic_yuan,
        sum(amount_yuan) filter (where measure = 'project') as project_yuan
    from functional
    where table_kind in ('expenditure', 'general_budget_expenditure')
    group by document_id, source_unit, loaded_at, table_kind, functional_code, is_total
),

-- in 支出决算表 and 一般公共预算财政拨款支出决算表
basic_project as (
    select
        p.document_id,
        'functional.' || p.table_kind || '.total_basic_project.' || coalesce(p.functional_code, 'total') as rule_id,
        p.table_kind || ': ' || coalesce(p.functional_code || ' ' || p.functional_name, '合计')
        || ' total equals basic + project' as description,
        p.total_yuan as expected_yuan,
        coalesce(p.basic_yuan, 0) + coalesce(p.project_yuan, 0) as actual_yuan,
        2 as n_cells,
        p.source_unit,
        p.loaded_at
    from pivoted as p
    where
        p.basic_yuan is not null
        and p.project_yuan is not null
),

rules as (
    select * from hierarchy
    union all
    select * from grand_total
    union all
    select * from basic_project
)

{{ reconciliation_rows('rules') }}
