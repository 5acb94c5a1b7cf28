-- 三公经费 per phase (budget / actual): 出国 + 公务用车 (小计, else 购置 + 运行) + 接待 equals the 合计.
-- An item the table leaves blank counts as nothing; a table printing no 合计 has nothing to check.
with cells as (
    select
        document_id,
        phase,
        max(amount_yuan) filter (where item = 'total') as total_yuan,
        max(amount_yuan) filter (where item = 'overseas_travel') as overseas_yuan,
        max(amount_yuan) filter (where item = 'vehicles_total') as vehicles_yuan,
        max(amount_yuan) filter (where item = 'vehicle_purchase') as purchase_yuan,
        max(amount_yuan) filter (where item = 'vehicle_operation') as operation_yuan,
        max(amount_yuan) filter (where item = 'official_reception') as reception_yuan,
        min(page) filter (where item = 'total') as page,
        min(line_no) filter (where item = 'total') as line_no
    from {{ ref('stg_three_public_amounts') }}
    where {{ in_changed_documents() }}
    group by document_id, phase
)

select
    document_id,
    'three_public.items_sum' as rule_id,
    '三公 items (出国 + 公务用车 + 接待) add up to the 三公 合计' as description,
    'three_public' as table_kind,
    phase as measure,
    page,
    line_no,
    total_yuan as expected_yuan,
    coalesce(overseas_yuan, 0)
    + coalesce(vehicles_yuan, coalesce(purchase_yuan, 0) + coalesce(operation_yuan, 0))
    + coalesce(reception_yuan, 0) as actual_yuan,
    3 as n_cells
from cells
where
    total_yuan is not null
    and coalesce(overseas_yuan, vehicles_yuan, purchase_yuan, operation_yuan, reception_yuan) is not null
