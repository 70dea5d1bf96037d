/*
 * replay.c — a main() for the fuzz targets without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named. `make check` builds every
 * target this way with the project's compiler and warnings and replays the
 * seeds and saved crashes (tests/fuzz_replay.sh), so a target that no longer
 * compiles, or an input that crashes again, fails the ordinary test run and
 * not only `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *bigger = realloc(buf, cap *= 2);
			if (!bigger)
				free(buf);
			buf = bigger;
		}
	}
	int bad = ferror(f) || !buf;
	fclose(f);
	if (bad) {
		fprintf(stderr, "%s: cannot read\n", path);
		free(buf);
		return -1;
	}
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int failed = 0;
	for (int i = 1; i < argc; i++)
		if (replay(argv[i]) != 0)
			failed = 1;
	printf("%d inputs\n", argc - 1);
	return failed;
}
