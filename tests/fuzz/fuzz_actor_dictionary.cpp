// Users' actor dictionary files (--actors FILE): arbitrary bytes loaded next to the built-ins.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

#include "diplograph/lexicon/actor_lexicon.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  static const std::string path = "/tmp/diplograph-fuzz-actors-" + std::to_string(getpid()) + ".tsv";
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  const std::string paths[] = {path};
  (void)lexicon::ActorLexicon::with_files(paths);
  return 0;
}
