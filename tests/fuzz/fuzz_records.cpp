// JSON Lines extraction records (build's input from extract or other tools).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diplograph/io/records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)diplograph::io::parse_records({reinterpret_cast<const char*>(data), size}, "fuzz.jsonl");
  return 0;
}
