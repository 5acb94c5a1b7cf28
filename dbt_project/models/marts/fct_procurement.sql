{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}],
) }}

-- 政府采购 per department, year and phase: the statistics table where printed, else the narrative.
-- A publication in two parts (文件 + 公开表) counts once: items are chosen per twin group (department,
-- year, phase), which has one tables document and one text document.
with items as (
    select * from {{ ref('int_current_statistics') }}
    where section = 'procurement' and {{ in_changed_documents() }}
),

chosen as (
    select
        *,
        row_number() over (
            partition by twin_group_key, item order by (reported_in = 'table') desc, line_no
        ) as pick
    from items
),

pivoted as (
    select
        department_id,
        fiscal_year,
        phase,
        twin_group_key,
        coalesce(max(document_id) filter (where item = 'total'), max(document_id)) as document_id,
        max(amount_yuan) filter (where item = 'total') as total_yuan,
        max(amount_yuan) filter (where item = 'goods') as goods_yuan,
        max(amount_yuan) filter (where item = 'works') as works_yuan,
        max(amount_yuan) filter (where item = 'services') as services_yuan,
        max(amount_yuan) filter (where item = 'sme_contract') as sme_contract_yuan,
        max(amount_yuan) filter (where item = 'small_micro_contract') as small_micro_contract_yuan
    from chosen
    where pick = 1
    group by department_id, fiscal_year, phase, twin_group_key
)

select
    department_id,
    fiscal_year,
    phase,
    coalesce(total_yuan, 0)::numeric(20, 2) as total_yuan,
    coalesce(goods_yuan, 0)::numeric(20, 2) as goods_yuan,
    coalesce(works_yuan, 0)::numeric(20, 2) as works_yuan,
    coalesce(services_yuan, 0)::numeric(20, 2) as services_yuan,
    sme_contract_yuan::numeric(20, 2) as sme_contract_yuan,
    small_micro_contract_yuan::numeric(20, 2) as small_micro_contract_yuan,
    case
        when total_yuan > 0 and sme_contract_yuan is not null
            then round(sme_contract_yuan / total_yuan, 4)
    end as sme_share,
    document_id
from pivoted
