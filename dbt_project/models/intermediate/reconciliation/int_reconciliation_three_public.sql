-- 三公经费 sums, per phase: 公务用车 小计 = 购置 + 运行维护; 合计 = 出国 + 公务用车 + 接待.
with docs as (
    {{ reconciliation_documents() }}
),

three_public as (
    select
        a.document_id,
        a.phase,
        d.source_unit,
        d.loaded_at,
        max(a.amount_yuan) filter (where a.item = 'total') as total_yuan,
        max(a.amount_yuan) filter (where a.item = 'overseas_travel') as overseas_yuan,
        max(a.amount_yuan) filter (where a.item = 'vehicles_total') as vehicles_yuan,
        max(a.amount_yuan) filter (where a.item = 'vehicle_purchase') as purchase_yuan,
        max(a.amount_yuan) filter (where a.item = 'vehicle_operation') as operation_yuan,
        max(a.amount_yuan) filter (where a.item = 'official_reception') as reception_yuan
    from {{ ref('stg_three_public_amounts') }} as a
    inner join docs as d on a.document_id = d.document_id
    group by a.document_id, a.phase, d.source_unit, d.loaded_at
),

rules as (
    select
        document_id,
        'three_public.' || phase || '.vehicles_sum' as rule_id,
        '三公 ' || phase || ': 公务用车 小计 equals 购置 + 运行维护' as description,
        vehicles_yuan as expected_yuan,
        purchase_yuan + operation_yuan as actual_yuan,
        2 as n_cells,
        source_unit,
        loaded_at
    from three_public
    union all
    select
        document_id,
        'three_public.' || phase || '.total_sum' as rule_id,
        '三公 ' || phase || ': 合计 equals 出国 + 公务用车小计 + 接待' as description,
        total_yuan as expected_yuan,
        overseas_yuan + vehicles_yuan + reception_yuan as actual_yuan,
        3 as n_cells,
        source_unit,
        loaded_at
    from three_public
)

{{ reconciliation_rows('rules') }}
