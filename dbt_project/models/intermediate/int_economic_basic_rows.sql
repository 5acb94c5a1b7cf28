{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['document_id']}],
) }}
-- Economic rows of each document's basic-spending table, with the cells that hold its basic part.
-- A document may print several tables by economic code (财政拨款基本支出表 beside 一般公共预算基本支出表,
-- or a table over all spending beside the basic one): adding them would count the same spending
-- twice, so one table is the source, the one with the most basic spending (the widest funding
-- scope; the first printed on a tie, as when a document prints one table twice). Rows belong to the
-- table whose title stands above them.
with documents as (
    {{ documents_to_build() }}
),

rows_in_tables as (
    {{ rows_in_tables(ref('stg_economic_amounts'), 'documents') }}
),

flagged as (
    select
        *,
        bool_or(measure = 'basic') over (partition by document_id, table_seq) as prints_basic_part,
        bool_or(measure = 'project') over (partition by document_id, table_seq) as prints_project_part
    from rows_in_tables
),

cells as (
    select
        *,
        -- 其中：基本支出 where printed; 人员经费 + 公用经费 where 合计 includes a project column; else the amount
        case
            when prints_basic_part then measure = 'basic'
            when prints_project_part then measure in ('personnel', 'public')
            else measure in ('amount', 'total')
        end as is_basic_cell,
        (prints_basic_part or prints_project_part) and measure in ('amount', 'total') as is_printed_total_cell
    from flagged
),

table_sizes as (
    select
        document_id,
        table_seq,
        coalesce(sum(amount_yuan) filter (where is_basic_cell and not is_subtotal), 0) as basic_yuan
    from cells
    where economic_code is not null
    group by document_id, table_seq
),

source_tables as (
    select distinct on (document_id)
        document_id,
        table_seq
    from table_sizes
    order by document_id asc, basic_yuan desc, table_seq asc
)

select
    c.document_id,
    c.table_key,
    c.table_seq,
    c.table_kind,
    c.economic_code,
    c.economic_name,
    c.government_economic_name,
    c.expense_category,
    c.is_subtotal,
    c.measure,
    c.amount_yuan,
    c.prints_basic_part or c.prints_project_part as prints_basic_part,
    c.is_basic_cell,
    c.is_printed_total_cell,
    c.page,
    c.line_no,
    c.loaded_at
from cells as c
inner join source_tables as s on c.document_id = s.document_id and c.table_seq = s.table_seq
