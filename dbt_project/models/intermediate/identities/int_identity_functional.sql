-- The arithmetic a 功能分类 table prints, on each document's source table per kind: the 合计 row's
-- 基本支出 + 项目支出 (+ the other spending columns where printed: 预留机动经费, 经营支出, 上缴上级支出,
-- 对附属单位补助支出) equals its 合计, and the 类 rows add up to the 合计 in every column. Tables naming
-- some rows without a code are left out of the class sum (their 类 cannot be told).
{%- set other_parts = "'unit_reserve', 'operating_expenditure', 'remit_superior', 'subsidy_affiliated'" %}
with source_rows as (
    select
        document_id,
        table_kind,
        functional_code,
        is_total,
        measure,
        amount_yuan,
        page,
        line_no
    from {{ ref('int_functional_source_rows') }}
    where {{ in_changed_documents() }}
),

total_cells as (
    select
        document_id,
        table_kind,
        measure,
        max(amount_yuan) as total_yuan,
        min(page) as page,
        min(line_no) as line_no
    from source_rows
    where is_total
    group by document_id, table_kind, measure
),

class_sums as (
    select
        document_id,
        table_kind,
        measure,
        sum(amount_yuan) filter (where length(functional_code) = 3) as class_sum_yuan,
        count(*) filter (where length(functional_code) = 3) as n_cells,
        count(*) filter (where functional_code is null) as uncoded_rows
    from source_rows
    where not is_total
    group by document_id, table_kind, measure
),

basic_project as (
    select
        document_id,
        table_kind,
        max(total_yuan) filter (where measure = 'total') as total_yuan,
        max(total_yuan) filter (where measure = 'basic') as basic_yuan,
        max(total_yuan) filter (where measure = 'project') as project_yuan,
        coalesce(sum(total_yuan) filter (where measure in ({{ other_parts }})), 0) as other_parts_yuan,
        count(*) filter (where measure in ({{ other_parts }})) as other_parts,
        min(page) as page,
        min(line_no) as line_no
    from total_cells
    group by document_id, table_kind
)

select
    document_id,
    'functional.total_basic_plus_project' as rule_id,
    '合计 row: 基本支出 + 项目支出 (+ 预留, 经营, 上缴上级, 对附属单位补助 where printed) equals 合计' as description,
    table_kind,
    'total' as measure,
    page,
    line_no,
    total_yuan as expected_yuan,
    basic_yuan + project_yuan + other_parts_yuan as actual_yuan,
    2 + other_parts as n_cells
from basic_project
where total_yuan is not null and basic_yuan is not null and project_yuan is not null
union all
select
    t.document_id,
    'functional.classes_sum' as rule_id,
    '类 rows add up to the 合计 row' as description,
    t.table_kind,
    t.measure,
    t.page,
    t.line_no,
    t.total_yuan as expected_yuan,
    c.class_sum_yuan as actual_yuan,
    c.n_cells
from total_cells as t
inner join class_sums as c using (document_id, table_kind, measure)
where c.n_cells > 0 and c.uncoded_rows = 0
