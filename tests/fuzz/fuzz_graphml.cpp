// GraphML from any tool (entity bombs and external entities must be refused, not expanded).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diplograph/io/graphml_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)diplograph::io::read_graphml({reinterpret_cast<const char*>(data), size}, "fuzz.graphml");
  return 0;
}
