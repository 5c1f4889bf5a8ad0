// Every document format on arbitrary bytes, then the splitter on what was accepted.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diplograph/text/reader.hpp"
#include "diplograph/text/splitter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  text::ReadOptions options;
  options.max_doc_bytes = 1 << 16;
  for (auto format : {text::InputFormat::automatic, text::InputFormat::text, text::InputFormat::json_lines})
    text::parse_documents(bytes, "fuzz.jsonl", format, options,
                          [](Document&& d) { text::split_document(d); }, [](Error&&) {});
  return 0;
}
