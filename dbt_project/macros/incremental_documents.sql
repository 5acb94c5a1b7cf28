{#
    Incremental models patched by document (docs/how-it-works.md, "Patched builds"): a nightly build
    rewrites only the rows of the documents int_document_changes lists, the documents of every
    department and year where a document came, went, was reloaded or changed role (current, twin,
    superseded) since the generation being patched. A model may be patched this way when its rows
    for a document depend only on documents of the same department and year.

    ``changed_documents()``: the listed document ids as a literal text[] (read when the model runs,
    so the planner sees the real few documents and reaches them through the document_id indexes).
    ``in_changed_documents(column)``: the predicate restricting a model's inputs to them; ``true``
    on a full build (no relation yet, or --full-refresh).
    ``documents_to_build()``: the loaded documents (document_id, loaded_at) this run builds.
    ``forget_changed_documents()``, the pre_hook (materialized='incremental',
    incremental_strategy='append'): the rows of the listed documents go first; the model then
    appends their rows as they are now, so it equals a full build.
#}
{% macro changed_documents() -%}
    {%- set changes = ref('int_document_changes') -%}
    {%- if execute -%}
        {%- set ids = run_query('select document_id from ' ~ changes ~ ' order by document_id').columns[0].values() -%}
        array[{%- for id in ids -%}'{{ id | replace("'", "''") }}'{{ ", " if not loop.last }}{%- endfor -%}]::text[]
    {%- else -%}
        array[]::text[]
    {%- endif -%}
{%- endmacro %}

{% macro in_changed_documents(column='document_id') -%}
    {%- if is_incremental() -%}
        {{ column }} = any({{ changed_documents() }})
    {%- else -%}
        {%- do ref('int_document_changes') -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro documents_to_build() -%}
    select
        document_id,
        loaded_at
    from {{ ref('stg_documents') }}
    where
        status = 'loaded'
        and {{ in_changed_documents() }}
{%- endmacro %}

{% macro forget_changed_documents() -%}
    {% if is_incremental() -%}
        delete from {{ this }} where document_id = any({{ changed_documents() }})
    {%- else -%}
        select 1
    {%- endif %}
{%- endmacro %}
