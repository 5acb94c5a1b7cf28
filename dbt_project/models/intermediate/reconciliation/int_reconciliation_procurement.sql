-- 政府采购 as its statistics table prints it: 合计 = 货物 + 工程 + 服务.
with docs as (
    {{ reconciliation_documents() }}
),

rules as (
    select
        s.document_id,
        'procurement.total_sum' as rule_id,
        '政府采购 合计 equals 货物 + 工程 + 服务' as description,
        max(s.amount_yuan) filter (where s.item = 'total') as expected_yuan,
        coalesce(max(s.amount_yuan) filter (where s.item = 'goods'), 0)
        + coalesce(max(s.amount_yuan) filter (where s.item = 'works'), 0)
        + coalesce(max(s.amount_yuan) filter (where s.item = 'services'), 0) as actual_yuan,
        3 as n_cells,
        d.source_unit,
        d.loaded_at
    from {{ ref('stg_statistics') }} as s
    inner join docs as d on s.document_id = d.document_id
    where s.section = 'procurement' and s.reported_in = 'table'
    group by s.document_id, d.source_unit, d.loaded_at
)

{{ reconciliation_rows('rules') }}
