{#
    The rows of a staging fact relation with the table they were printed in: the table of their kind
    whose title stands above them (staging.document_table), keyed by its printed number (表6), else
    its title; a table printed again under its number on the next page is one table.
#}
{% macro rows_in_tables(relation) %}
    select
        r.*,
        t.table_key,
        t.table_line_no
    from {{ relation }} as r
    inner join (
        select
            document_id,
            table_kind,
            line_no as table_line_no,
            coalesce(number_label, title) as table_key,
            lead(line_no) over (partition by document_id order by line_no) as next_table_line_no
        from {{ source('staging', 'document_table') }}
    ) as t
        on
            r.document_id = t.document_id
            and r.table_kind = t.table_kind
            and r.line_no >= t.table_line_no
            and (t.next_table_line_no is null or r.line_no < t.next_table_line_no)
{% endmacro %}
