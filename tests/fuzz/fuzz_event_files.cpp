// GDELT 1.0/2.0 and ICEWS event files, detected from content, and each reader forced.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diplograph/io/event_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)io::read_event_text(text, "fuzz.CSV");
  (void)io::read_gdelt(text, "fuzz.CSV");
  (void)io::read_icews(text, "fuzz.tab");
  return 0;
}
