#include "text/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace diplograph::text {

MappedFile::~MappedFile() {
  if (m_map != nullptr) ::munmap(m_map, m_size);
}

std::optional<std::string> MappedFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::string("cannot open: ") + std::strerror(errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return std::string("cannot read: ") + std::strerror(err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return std::string("is a directory");
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    m_size = static_cast<std::size_t>(st.st_size);
    void* map = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      ::madvise(map, m_size, MADV_SEQUENTIAL);
      m_map = map;
      ::close(fd);
      return std::nullopt;
    }
    m_size = 0;
  }
  // Pipes, devices, empty or unmappable files: one read loop.
  char chunk[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return std::string("cannot read: ") + std::strerror(err);
    }
    if (got == 0) break;
    m_buffer.append(chunk, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return std::nullopt;
}

}  // namespace diplograph::text
