-- Facts hold the current documents only (docs/contract.md): a row read from a superseded version,
-- a twin not chosen, or a document not in dim_document (a quarantined one) is returned, with the
-- document and its status, and fails the test.
{% set facts = ['fct_revenue', 'fct_expenditure', 'fct_basic_expenditure_economic', 'fct_three_public_expenses',
                'fct_procurement', 'fct_project_performance', 'fct_performance_indicator',
                'mart_department_year'] %}
with fact_documents as (
    {% for fact in facts -%}
        select distinct
            '{{ fact }}' as fact,
            document_id
        from {{ ref(fact) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    f.fact,
    f.document_id,
    coalesce(d.status, 'not in dim_document') as document_status
from fact_documents as f
left join {{ ref('dim_document') }} as d on f.document_id = d.document_id
where d.is_current is not true
