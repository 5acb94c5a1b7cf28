{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['document_id']}],
) }}
-- The rows of each document's one source table per functional kind. Where a document prints several
-- tables of one kind (支出总表 beside a 专项业务经费支出表 or a carry-over table, all read as 支出; a
-- table printed twice), only the widest is kept, the one with the largest 合计 (the first printed on
-- a tie): adding them would count the same spending twice.
with documents as (
    {{ documents_to_build() }}
),

amounts as (
    {{ rows_in_tables(ref('stg_functional_amounts'), 'documents') }}
),

table_sizes as (
    select
        document_id,
        table_kind,
        table_seq,
        coalesce(
            max(amount_yuan) filter (where is_total and measure = 'total'),
            sum(amount_yuan) filter (where not is_total and length(functional_code) = 3 and measure = 'total'),
            0
        ) as total_yuan
    from amounts
    group by document_id, table_kind, table_seq
),

source_tables as (
    select distinct on (document_id, table_kind)
        document_id,
        table_kind,
        table_seq
    from table_sizes
    order by document_id asc, table_kind asc, total_yuan desc, table_seq asc
)

select a.*
from amounts as a
inner join source_tables as s
    on a.document_id = s.document_id and a.table_kind = s.table_kind and a.table_seq = s.table_seq
