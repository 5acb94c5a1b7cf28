-- PROVISIONAL (w22b): the interface of w22a's int_document_status, derived from int_documents
-- (current vs superseded only; twins and quarantine come with w22a's model, which replaces this one).
with documents as (
    select * from {{ ref('int_documents') }}
),

chosen as (
    select
        publication_id,
        min(document_id) filter (where is_current) as chosen_document_id
    from documents
    group by publication_id
)

select
    d.document_id,
    case when d.is_current then 'current' else 'superseded' end as status,
    case
        when d.is_current then 'latest publication of its department, year, kind and scope'
        else 'superseded by a later publication or a correction'
    end as status_reason,
    d.publication_id as twin_group_key,
    c.chosen_document_id
from documents as d
left join chosen as c using (publication_id)
