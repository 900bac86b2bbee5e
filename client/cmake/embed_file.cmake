# Turns one binary file into a C++ source with a byte array (run by CMake at build time).
#   cmake -DINPUT=<file> -DOUTPUT=<file.cpp> -DSYMBOL=<name> -P embed_file.cmake
# The result defines `parta::embedded::<SYMBOL>` as a std::span-like {data, size} pair.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# Break the array into lines of 32 bytes so compilers and diffs stay happy.
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}"
"// Generated from ${INPUT} by client/cmake/embed_file.cmake. Do not edit.
#include \"client/app/shell/embedded.h\"

namespace parta::embedded {
namespace {
alignas(8) const unsigned char kBytes[] = {
${bytes}0x00};
}  // namespace
const Blob ${SYMBOL}{kBytes, ${size}};
}  // namespace parta::embedded
")
