{#
    What a test reads. dbt wraps the tested relation of every generic test in this macro (with the
    test's own ``where`` config); this override adds one more restriction on a patched build
    (docs/how-it-works.md, "Patched builds"): a test of a relation patched by document (an incremental
    model, or a staging view marked ``tested_by_document``: rows written once per document) reads
    only the documents int_document_changes lists.

    That is sound because the build patches a standby generation that a build passing every test
    swapped out (loaders/standby.py), the rows of the other documents are the ones those tests
    passed on, and the listed documents are all the documents of each department and year where
    anything changed. So only tests whose failure lies within a department and year are restricted:
    a row's own check (not_null, accepted_values, relationships, composite_relationships,
    expression_is_true) and a grain that holds the document or the department and year. Any other
    test (equal_sums, a grain across years), and every test of a full build, reads everything.
#}
{% macro get_where_subquery(relation) -%}
    {#- every test depends on int_document_changes: it runs once this build's list is written -#}
    {%- set changes = ref('int_document_changes') -%}
    {%- set predicates = [] -%}
    {%- if config.get('where') -%}{%- do predicates.append('(' ~ config.get('where') ~ ')') -%}{%- endif -%}
    {%- set scope = patched_test_scope(changes) -%}
    {%- if scope -%}{%- do predicates.append(scope) -%}{%- endif -%}
    {%- if predicates -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ predicates | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{% macro patched_test_scope(changes) -%}
    {%- if not execute or flags.FULL_REFRESH or 'marts' not in var('govfin_build_into', {}) -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set tested = graph.nodes.get(model.get('attached_node') or '') -%}
    {%- if not tested or not (tested.config.materialized == 'incremental' or tested.config.meta.get('tested_by_document')) -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set test = model.get('test_metadata') or {} -%}
    {%- set arguments = test.get('kwargs', {}) -%}
    {%- set row_checks = ['not_null', 'accepted_values', 'relationships', 'composite_relationships', 'expression_is_true'] -%}
    {%- set grains = ['unique', 'unique_combination_of_columns', 'grain_is_unique'] -%}
    {%- set columns = arguments.get('combination_of_columns') or [arguments.get('column_name')] -%}
    {%- set local_grain = 'document_id' in columns or ('department_id' in columns and 'fiscal_year' in columns) -%}
    {%- if not (test.get('name') in row_checks or (test.get('name') in grains and local_grain)) -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- do return('document_id = any(array(select document_id from ' ~ changes ~ '))') -%}
{%- endmacro %}

{#
    dbt parses its own not_null and unique tests without rendering them, so the reference to
    int_document_changes above would not make them wait for it. The same tests, declared here,
    are parsed like every other: dbt's own SQL, through dbt's dispatch.
#}
{% test not_null(model, column_name) %}
    {{ return(adapter.dispatch('test_not_null', 'dbt')(model, column_name)) }}
{% endtest %}

{% test unique(model, column_name) %}
    {{ return(adapter.dispatch('test_unique', 'dbt')(model, column_name)) }}
{% endtest %}
