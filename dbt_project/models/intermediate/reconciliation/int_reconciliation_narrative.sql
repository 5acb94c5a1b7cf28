-- Rules between the prose and the tables: a stated completion rate equals the ratio of the two
-- amounts stated beside it, the stated 三公 rate equals the table's actual / budget, and an
-- economic item the prose names equals the basic-spending table's amount.
with docs as (
    {{ reconciliation_documents() }}
),

narrative as (
    select
        n.*,
        d.loaded_at
    from {{ ref('stg_narrative_facts') }} as n
    inner join docs as d on n.document_id = d.document_id
),

-- "年初预算1,433.90万元，支出决算1,214.68万元，完成年初预算的84.71%"
stated_rates as (
    select
        document_id,
        'narrative.completion_rate.line_' || line_no
        || coalesce('.' || min(label) filter (where kind = 'amount' and label like '%预算'), '') as rule_id,
        'stated completion rate (percent) equals 决算 / 预算 stated in the same sentence: '
        || left(quote, 60) as description,
        max(value) filter (where kind = 'percent' and label like '完成%预算%') as expected,
        round(
            100 * max(value) filter (where kind = 'amount' and label like '%决算%')
            / nullif(max(value) filter (where kind = 'amount' and label like '%预算'), 0), 2
        ) as actual,
        loaded_at
    from narrative
    group by document_id, loaded_at, line_no, quote
    having
        count(*) filter (where kind = 'percent' and label like '完成%预算%') = 1
        and count(*) filter (where kind = 'amount' and label like '%预算') = 1
        and count(*) filter (where kind = 'amount' and label like '%决算%') = 1
),

three_public_totals as (
    select
        document_id,
        max(amount_yuan) filter (where phase = 'actual' and item = 'total') as actual_total,
        max(amount_yuan) filter (where phase = 'budget' and item = 'total') as budget_total
    from {{ ref('stg_three_public_amounts') }}
    where document_id in (select docs.document_id from docs)
    group by document_id
),

three_public_rate as (
    select distinct on (n.document_id)
        n.document_id,
        'narrative.three_public_completion_rate' as rule_id,
        'stated 三公 completion rate (percent) equals the 三公 table''s actual / budget' as description,
        n.value as expected,
        round(100 * t.actual_total / nullif(t.budget_total, 0), 2) as actual,
        n.loaded_at
    from narrative as n
    inner join three_public_totals as t using (document_id)
    where n.kind = 'percent' and n.label like '完成%预算%' and n.quote like '%三公%'
    order by n.document_id, n.line_no
),

-- the paragraph about basic spending (人员经费 … 公用经费 …), not the 三公 one
basic_spending_lines as (
    select distinct
        document_id,
        line_no
    from narrative
    where label in ('人员经费', '公用经费')
),

-- the basic-spending table's amount per code: its 其中：基本支出 column where it prints one beside
-- 金额 (basic and project together), as the paragraph about basic spending states that part
economic_amounts as (
    select
        document_id,
        economic_code,
        economic_name,
        coalesce(
            max(amount_yuan) filter (where measure = 'basic'),
            max(amount_yuan) filter (where measure in ('amount', 'total'))
        ) as amount_yuan
    from {{ ref('stg_economic_amounts') }}
    where
        economic_code is not null and measure in ('basic', 'amount', 'total')
        and document_id in (select docs.document_id from docs)
    group by document_id, economic_code, economic_name
),

-- two printings of one value may differ by one unit of the last printed digit
economic_items as (
    select distinct on (n.document_id, e.economic_code)
        n.document_id,
        'narrative.economic_item.' || e.economic_code as rule_id,
        'prose amount of ' || e.economic_code || ' ' || e.economic_name
        || ' equals the basic-spending table' as description,
        e.amount_yuan as expected_yuan,
        n.value as actual_yuan,
        power(10::numeric, -coalesce(length(split_part(n.printed, '.', 2)), 0))
        * case n.printed_unit when '万元' then 10000 else 1 end as tolerance,
        n.loaded_at
    from narrative as n
    inner join basic_spending_lines as b on n.document_id = b.document_id and n.line_no = b.line_no
    inner join economic_amounts as e
        on
            n.document_id = e.document_id
            -- the prose may drop a class name's 支出 (工资福利 for 301 工资福利支出)
            and e.economic_name in (n.label, n.label || '支出')
    where n.kind = 'amount'
    order by n.document_id, e.economic_code, n.line_no
),

rules as (
    select
        document_id,
        rule_id,
        description,
        'percent' as measured_in,
        expected as expected_yuan,
        actual as actual_yuan,
        0.02 as tolerance_yuan,
        loaded_at
    from stated_rates
    union all
    select
        document_id,
        rule_id,
        description,
        'percent' as measured_in,
        expected as expected_yuan,
        actual as actual_yuan,
        0.02 as tolerance_yuan,
        loaded_at
    from three_public_rate
    union all
    select
        document_id,
        rule_id,
        description,
        'yuan' as measured_in,
        expected_yuan,
        actual_yuan,
        tolerance as tolerance_yuan,
        loaded_at
    from economic_items
)

select * from rules
