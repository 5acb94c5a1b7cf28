-- Each economic class (301, 302 …) of the document's basic-spending table equals the sum of its
-- items. Items are summed per class first and rows are told apart by is_subtotal (a column with
-- statistics), not by length(code): on an expression the planner guesses a handful of rows and
-- picks nested loops (minutes at 10,000 documents).
with docs as (
    {{ reconciliation_documents() }}
),

items_by_class as (
    select
        document_id,
        measure,
        left(economic_code, 3) as class_code,
        sum(amount_yuan) as items_yuan,
        count(*) as n_items
    from {{ ref('int_economic_basic_rows') }}
    where economic_code is not null and not is_subtotal and document_id in (select docs.document_id from docs)
    group by document_id, measure, left(economic_code, 3)
),

-- a class printed once per 政府经济 class it is split into (301 under 501 and under 505) is their sum
classes as (
    select
        e.document_id,
        e.measure,
        e.economic_code,
        d.source_unit,
        d.loaded_at,
        max(e.economic_name) as economic_name,
        sum(e.amount_yuan) as class_yuan
    from {{ ref('int_economic_basic_rows') }} as e
    inner join docs as d on e.document_id = d.document_id
    where e.economic_code is not null and e.is_subtotal and e.measure in ('amount', 'total')
    group by e.document_id, e.measure, e.economic_code, d.source_unit, d.loaded_at
)

select
    parent.document_id,
    'economic.class_sum.' || parent.economic_code as rule_id,
    parent.economic_code || ' ' || parent.economic_name || ' equals the sum of its items' as description,
    'yuan' as measured_in,
    parent.class_yuan as expected_yuan,
    c.items_yuan as actual_yuan,
    {{ yuan_cell_tolerance('c.n_items', 'parent.source_unit') }} as tolerance_yuan,
    parent.loaded_at
from classes as parent
inner join items_by_class as c
    on
        parent.document_id = c.document_id
        and parent.measure = c.measure
        and parent.economic_code = c.class_code
