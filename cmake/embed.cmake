# diplograph_embed(OUTPUT out.cpp ROOT dir FILES a b ...): compiles data files into the binary.
# The generated source defines diplograph::lexicon::embedded_files(), a sorted table of
# {relative path, contents}; see include/diplograph/lexicon/embedded.hpp.
function(diplograph_embed)
  cmake_parse_arguments(E "" "OUTPUT" "FILES;NAMES" ${ARGN})
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} "-DFILES=${E_FILES}" "-DNAMES=${E_NAMES}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding ${CMAKE_CURRENT_LIST_DIR} data files"
    VERBATIM)
endfunction()
