# Writes a C++ source holding every numbered migration file of a folder, in order, so the
# server binary carries its schema and needs no files beside it.
#   vigie_embed_migrations(<output.cpp> <function name> <folder>)
function(vigie_embed_migrations output function folder)
    file(GLOB files CONFIGURE_DEPENDS "${folder}/[0-9][0-9][0-9][0-9]_*.sql")
    list(SORT files)
    set(body "")
    foreach(file IN LISTS files)
        get_filename_component(name "${file}" NAME_WE)
        string(SUBSTRING "${name}" 0 4 version)
        math(EXPR version "${version}")
        file(READ "${file}" sql)
        string(APPEND body "        {${version}, \"${name}\", R\"vigie_sql(${sql})vigie_sql\"},\n")
    endforeach()
    file(CONFIGURE OUTPUT "${output}" CONTENT "// Generated from ${folder} by cmake/EmbedMigrations.cmake; do not edit.
#include \"store/Migrations.h\"

namespace vigie::server {

const std::vector<Migration>& ${function}()
{
    static const std::vector<Migration> migrations{
${body}    };
    return migrations;
}

} // namespace vigie::server
" @ONLY)
endfunction()
