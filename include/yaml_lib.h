/*
 * yaml_lib.h — libyaml, opened with dlopen when a file must really be
 * parsed (a routine file trees.bin does not hold, `limber check`, a
 * settings file) rather than linked: a warm `list`, `--version` and the
 * player's start do not map and relocate it (about 0.25 ms of each start
 * here, measured with a program that links it and never calls it).
 *
 * The table is filled once; NULL and a one-line reason naming the library
 * and its Debian package (libyaml-0-2) when the library or one of its
 * functions is missing. LIMBER_YAML_LIB, when set, names the file to open
 * instead of the soname: a knob for the tests (a path that does not exist
 * stands for a system without libyaml).
 */
#ifndef LIMBER_YAML_LIB_H
#define LIMBER_YAML_LIB_H

#include <stdbool.h>
#include <yaml.h>

struct yaml_lib {
	int (*parser_initialize)(yaml_parser_t *parser);
	void (*parser_set_input_string)(yaml_parser_t *parser, const unsigned char *input,
	                                size_t size);
	int (*parser_parse)(yaml_parser_t *parser, yaml_event_t *event);
	void (*event_delete)(yaml_event_t *event);
	void (*parser_delete)(yaml_parser_t *parser);
	/* The file the loader opened, as it names it (a full path when found
	 * through the search path): trees.bin is stamped with it, since
	 * another libyaml may build another tree. */
	const char *file;
};

/* The table, opened on the first call; NULL with *why set when absent. */
const struct yaml_lib *yaml_lib(const char **why);
/* Whether a call to yaml_lib() has already found libyaml missing; never
 * opens it (a warm list must not): a library loaded without it is not
 * the user's library, and what follows the line naming the package
 * (cli_library) would be false. */
bool yaml_lib_missing(void);

#endif
