-- One row per loaded document, admitted or quarantined: whether it feeds the marts and why not.
-- current: chosen for the marts in its twin group (in the tables role, the text role or both);
-- superseded: a later version (correction, republication, re-crawl) of its own publication is chosen;
-- twin_not_chosen: the latest of its publication, but a twin publication of the same department,
-- year and phase was chosen (a 部门 one before its 单位 / 本级 twin); quarantined: it failed
-- admission (loaders/admission_checks.py) and never feeds the marts.
with chosen_per_group as (
    -- the group's tables document where it has one, else its text document
    select distinct on (twin_group_key)
        twin_group_key,
        document_id as chosen_document_id
    from {{ ref('int_documents') }}
    where is_current
    order by twin_group_key asc, is_current_for_tables desc, document_id asc
)

select
    k.document_id,
    coalesce(d.document_status, 'quarantined') as status,
    case
        when k.status = 'quarantined' then k.quarantine_reason
        when d.document_status = 'superseded'
            then 'a later version of the same publication is chosen: ' || d.chosen_document_id
        when d.document_status = 'twin_not_chosen'
            then 'a twin publication of the same department, year and phase is chosen: ' || d.chosen_document_id
    end as status_reason,
    k.twin_group_key,
    coalesce(d.chosen_document_id, g.chosen_document_id) as chosen_document_id
from {{ ref('int_documents_keyed') }} as k
left join {{ ref('int_documents') }} as d using (document_id)
left join chosen_per_group as g on k.twin_group_key = g.twin_group_key
