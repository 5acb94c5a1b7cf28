{#
    A mart's grain holds: no two rows share the combination of columns. Unlike
    dbt_utils.unique_combination_of_columns, each failing row names the documents the duplicate rows
    came from (document_ids), so a failure points at the files to look at (`govfin status`,
    marts.dim_document) rather than only at a key.
#}
{% test grain_is_unique(model, combination_of_columns, document_column='document_id') %}
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as duplicate_rows,
        string_agg(distinct {{ document_column }}::text, ', ') as document_ids
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endtest %}
