-- Functional-code tables pivoted to one row per document, table kind and code, with their measures.
-- Where a document prints several tables of one kind (支出总表 beside a 专项业务经费支出表 or a
-- carry-over table, all read as 支出), only the widest is kept, the one with the largest 合计 (the
-- first printed on a tie): adding them would count the same spending twice.
with amounts as (
    select
        a.*,
        d.department_id,
        d.fiscal_year,
        d.phase,
        d.source_unit
    from ({{ rows_in_tables(ref('stg_functional_amounts')) }}) as a
    inner join {{ ref('int_current_table_documents') }} as d using (document_id)
),

table_sizes as (
    select
        document_id,
        table_kind,
        table_key,
        min(table_line_no) as first_line_no,
        coalesce(
            max(amount_yuan) filter (where is_total and measure = 'total'),
            sum(amount_yuan) filter (where not is_total and length(functional_code) = 3 and measure = 'total'),
            0
        ) as total_yuan
    from amounts
    group by document_id, table_kind, table_key
),

source_tables as (
    select distinct on (document_id, table_kind)
        document_id,
        table_kind,
        table_key
    from table_sizes
    order by document_id asc, table_kind asc, total_yuan desc, first_line_no asc
)

select
    a.document_id,
    a.department_id,
    a.fiscal_year,
    a.phase,
    a.source_unit,
    a.table_kind,
    a.functional_code,
    max(a.functional_name) as functional_name,
    a.is_total,
    sum(a.amount_yuan) filter (where a.measure = 'total') as total_yuan,
    sum(a.amount_yuan) filter (where a.measure = 'basic') as basic_yuan,
    sum(a.amount_yuan) filter (where a.measure = 'project') as project_yuan,
    min(a.line_no) as line_no
from amounts as a
inner join source_tables as s
    on a.document_id = s.document_id and a.table_kind = s.table_kind and a.table_key = s.table_key
group by
    a.document_id, a.department_id, a.fiscal_year, a.phase, a.source_unit, a.table_kind, a.functional_code,
    a.is_total
