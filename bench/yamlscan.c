/*
 * yamlscan.c — the floor for loading a library: read each file whole (as
 * the loader does) and run libyaml's parser over every event, nothing else.
 * bench/loader.sh compares `limber check DIR` with `yamlscan DIR`.
 *
 * usage: yamlscan PATH...   (files, or folders read recursively for
 * *.yaml / *.yml). Prints "N files, N events" so the work cannot be
 * optimised away; exits 1 if a file does not parse.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static long files, events;
static int failed;

static void scan_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		failed = 1;
		return;
	}
	struct stat st;
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return;
	}
	size_t len = (size_t)st.st_size;
	unsigned char *buf = malloc(len + 1);
	len = fread(buf, 1, len, f);
	fclose(f);

	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, len);
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "%s: %s\n", path, p.problem ? p.problem : "error");
			failed = 1;
			break;
		}
		events++;
		int end = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	free(buf);
	files++;
}

static int yaml_name(const char *n)
{
	size_t k = strlen(n);
	return (k > 5 && strcmp(n + k - 5, ".yaml") == 0) ||
	       (k > 4 && strcmp(n + k - 4, ".yml") == 0);
}

static void scan(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		failed = 1;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		scan_file(path);
		return;
	}
	struct dirent **names;
	int n = scandir(path, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *d = names[i]->d_name;
		if (d[0] != '.') {
			size_t k = strlen(path) + strlen(d) + 2;
			char *sub = malloc(k);
			snprintf(sub, k, "%s/%s", path, d);
			struct stat s2;
			if (stat(sub, &s2) == 0 && S_ISDIR(s2.st_mode))
				scan(sub);
			else if (yaml_name(d))
				scan_file(sub);
			free(sub);
		}
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		scan(argv[i]);
	printf("%ld files, %ld events\n", files, events);
	return failed;
}
