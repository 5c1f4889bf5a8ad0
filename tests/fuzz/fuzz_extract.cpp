// Actor recognition and event coding on arbitrary valid UTF-8 text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "diplograph/extract/extractor.hpp"
#include "diplograph/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  static const auto extractor = extract::Extractor::create({});
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (!extractor || text::find_invalid_utf8(bytes)) return 0;
  Document document;
  document.id = "fuzz";
  document.date = Date{2024, 8, 20};
  document.text = bytes;
  const auto x = extractor->extract(std::move(document));
  for (const Mention& m : x.actors.mentions)
    if (m.actor >= x.actors.actors.size() || m.span.end > size) std::abort();
  for (const Event& e : x.events)
    if (e.cameo.size() < 2 || e.provenance.empty() || e.provenance.front().span.end > size) std::abort();
  return 0;
}
