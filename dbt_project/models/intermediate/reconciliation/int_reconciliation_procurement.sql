-- 政府采购 as its statistics table prints it: 合计 = 货物 + 工程 + 服务.
with docs as (
    {{ reconciliation_documents() }}
),

procurement as (
    select
        document_id,
        max(amount_yuan) filter (where item = 'total') as total,
        coalesce(max(amount_yuan) filter (where item = 'goods'), 0)
        + coalesce(max(amount_yuan) filter (where item = 'works'), 0)
        + coalesce(max(amount_yuan) filter (where item = 'services'), 0) as parts
    from {{ ref('stg_statistics') }}
    where section = 'procurement' and reported_in = 'table' and document_id in (select document_id from docs)
    group by document_id
)

select
    p.document_id,
    'procurement.total_sum' as rule_id,
    '政府采购 合计 equals 货物 + 工程 + 服务' as description,
    'yuan' as measured_in,
    p.total as expected_yuan,
    p.parts as actual_yuan,
    {{ yuan_cell_tolerance(3, 'd.source_unit') }} as tolerance_yuan,
    d.loaded_at
from procurement as p
inner join docs as d on p.document_id = d.document_id
