{#
    Incremental models keyed by document (materialized='incremental', unique_key='document_id',
    incremental_strategy='delete+insert'): each row carries its document's ``loaded_at``.

    ``documents_to_build()``: the loaded documents (document_id, loaded_at) this run builds: all of
    them on a full build; on an incremental one, those loaded after the latest ``loaded_at`` the model
    holds (a reloaded document gets a new ``loaded_at``; a few documents built again are harmless:
    delete+insert replaces their rows).

    ``forget_unloaded_documents()``, the pre_hook: rows of a document no longer loaded as that
    ``loaded_at`` go first (a replaced or forgotten document, a document loaded again whose new
    parse gives no row here). The incremental model then equals a full refresh.
#}
{% macro documents_to_build() -%}
    select
        document_id,
        loaded_at
    from {{ ref('stg_documents') }}
    where
        status = 'loaded'
        {% if is_incremental() -%}
            and loaded_at > (select coalesce(max(loaded_at), '-infinity'::timestamptz) from {{ this }})
        {%- endif %}
{%- endmacro %}

{% macro forget_unloaded_documents() -%}
    {% if is_incremental() -%}
        delete from {{ this }} as t
        where not exists (
            select 1
            from {{ ref('stg_documents') }} as d
            where d.document_id = t.document_id and d.status = 'loaded' and d.loaded_at = t.loaded_at
        )
    {%- else -%}
        select 1
    {%- endif %}
{%- endmacro %}
