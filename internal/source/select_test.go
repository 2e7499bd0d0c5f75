package source

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/config"
)

func ptr[T any](v T) *T { return &v }

// cfgFile is a config as config.Load returns it for a file holding keys.
func cfgFile(path string, edit func(*config.Config), keys ...string) config.Config {
	c := config.Defaults()
	c.Path = path
	c.Set = map[string]bool{}
	for _, k := range keys {
		c.Set[k] = true
	}
	if edit != nil {
		edit(&c)
	}
	return c
}

func TestSelectErrors(t *testing.T) {
	repo := ptr("acme/app")
	tests := []struct {
		name      string
		cfg       config.Config
		flags     Flags
		wantUsage bool // else a *config.Error
		want      string
	}{
		{"no source", config.Defaults(), Flags{}, true, "no source"},
		{"repo without owner", config.Defaults(), Flags{Repo: ptr("acme")}, true, "OWNER/NAME"},
		{"repo with three parts", config.Defaults(), Flags{Repo: ptr("a/b/c")}, true, "OWNER/NAME"},
		{"empty --repo", cfgFile("c.json", func(c *config.Config) { c.Owner, c.Repo = "acme", "app" }), Flags{Repo: ptr("")}, true, "OWNER/NAME"},
		{"dotdot owner", config.Defaults(), Flags{Repo: ptr("../app")}, true, "repository owner"},
		{"bad branch", config.Defaults(), Flags{Repo: repo, Branch: ptr("../../x")}, true, "invalid branch"},
		{"bad tag", config.Defaults(), Flags{Repo: repo, Tag: ptr("v1 2")}, true, "invalid tag"},
		{"bad branch in the config", cfgFile("c.json", func(c *config.Config) { c.Branch = "a..b" }, "branch"), Flags{Repo: repo}, true, "invalid branch"},
		{"config owner conflicts", cfgFile("c.json", func(c *config.Config) { c.Owner, c.Repo = "a", "b/c" }, "owner", "repo"), Flags{}, false, `key "repo"`},
		{"bad channel", config.Defaults(), Flags{Repo: repo, Channel: ptr("beta")}, true, "stable or developer"},
		{"tag on developer", config.Defaults(), Flags{Repo: repo, Channel: ptr("developer"), Tag: ptr("v1")}, true, "--tag"},
		{"tag on the config's developer channel", cfgFile("c.json", func(c *config.Config) { c.Channel = ChannelDeveloper }, "channel"), Flags{Repo: repo, Tag: ptr("v1")}, true, "--tag"},
		{"branch on stable", config.Defaults(), Flags{Repo: repo, Channel: ptr("stable"), Branch: ptr("x")}, true, "--branch"},
		{"branch on the config's stable channel", cfgFile("c.json", nil, "channel"), Flags{Repo: repo, Branch: ptr("x")}, true, "--branch"},
		{"source with repo", config.Defaults(), Flags{Source: ".", Repo: repo}, true, "--source"},
		{"source with channel", config.Defaults(), Flags{Source: ".", Channel: ptr("stable")}, true, "--source"},
		{"source with tag", config.Defaults(), Flags{Source: ".", Tag: ptr("v1")}, true, "--source"},
		{"source with branch", config.Defaults(), Flags{Source: ".", Branch: ptr("main")}, true, "--source"},
		{"ref without source", config.Defaults(), Flags{Repo: repo, Ref: ptr("x")}, true, "--ref"},
		{"hostile allow", config.Defaults(), Flags{Repo: repo, Allow: ptr([]string{"../x"})}, true, ".."},
		{"hostile ignore", config.Defaults(), Flags{Source: ".", Ignore: ptr([]string{"/etc"})}, true, "/etc"},
		{"version without source", config.Defaults(), Flags{Repo: repo, Version: ptr("v1")}, true, "--version"},
		{"empty version", config.Defaults(), Flags{Source: ".", Version: ptr(" ")}, true, "invalid version"},
		{"version with a control character", config.Defaults(), Flags{Source: ".", Version: ptr("v1\x1b[2J")}, true, "control characters"},
		{"repo URL into the repository", config.Defaults(), Flags{Repo: ptr("https://github.com/acme/app/tree/dev")}, true, "--branch dev"},
		{"config repo on another host", cfgFile("c.json", func(c *config.Config) { c.Repo = "https://gitlab.com/acme/app" }, "repo"), Flags{}, false, "gitlab.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Select(Request{Config: tt.cfg, ConfigNamed: true, Flags: tt.flags})
			if err == nil {
				t.Fatal("no error")
			}
			var ue *UsageError
			var ce *config.Error
			if tt.wantUsage && !errors.As(err, &ue) || !tt.wantUsage && !errors.As(err, &ce) {
				t.Errorf("error %T %v: wrong type", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
		})
	}
}

func TestSelectSource(t *testing.T) {
	named := cfgFile("ota_config.json", func(c *config.Config) {
		c.Owner, c.Repo, c.Tag, c.Retries = "acme", "app", "v1.0.0", 3
		c.Allow, c.Ignore = []string{"lib"}, []string{"lib/test"}
	}, "owner", "repo", "tag", "retries", "allow", "ignore")
	tests := []struct {
		name  string
		cfg   config.Config
		flags Flags
		want  Options
	}{
		{"the config alone", named, Flags{MaxFileSize: 5},
			Options{Owner: "acme", Repo: "app", Channel: ChannelStable, Tag: "v1.0.0", Branch: "main", Retries: 3, MaxFileSize: 5}},
		{"config repo as owner/name", cfgFile("c.json", func(c *config.Config) { c.Repo = "acme/app" }, "repo"), Flags{},
			Options{Owner: "acme", Repo: "app", Channel: ChannelStable, Branch: "main", Retries: 3}},
		{"--repo wins", named, Flags{Repo: ptr("other/thing")},
			Options{Owner: "other", Repo: "thing", Channel: ChannelStable, Tag: "v1.0.0", Branch: "main", Retries: 3}},
		{"--branch alone means developer", cfgFile("", nil), Flags{Repo: ptr("acme/app"), Branch: ptr("dev")},
			Options{Owner: "acme", Repo: "app", Channel: ChannelDeveloper, Branch: "dev", Retries: 3}},
		{"--channel developer takes the config's branch", named, Flags{Channel: ptr("developer")},
			Options{Owner: "acme", Repo: "app", Channel: ChannelDeveloper, Tag: "v1.0.0", Branch: "main", Retries: 3}},
		{"--tag wins", named, Flags{Tag: ptr("v2")},
			Options{Owner: "acme", Repo: "app", Channel: ChannelStable, Tag: "v2", Branch: "main", Retries: 3}},
		{"local folder, config withheld", named, Flags{Source: "app", MaxFileSize: 7},
			Options{Dir: "app", Configs: []string{"ota_config.json"}, MaxFileSize: 7}},
		{"local git ref", config.Defaults(), Flags{Source: "app", Ref: ptr("HEAD~1")},
			Options{Dir: "app", Ref: "HEAD~1"}},
		{"local version", config.Defaults(), Flags{Source: "app", Version: ptr("v1.3.0-rc1")},
			Options{Dir: "app", Version: "v1.3.0-rc1"}},
		{"config repo as a clone URL", cfgFile("c.json", func(c *config.Config) { c.Repo = "git@github.com:acme/app.git" }, "repo"), Flags{},
			Options{Owner: "acme", Repo: "app", Channel: ChannelStable, Branch: "main", Retries: 3}},
		{"--repo as a web URL", config.Defaults(), Flags{Repo: ptr("https://github.com/acme/app/")},
			Options{Owner: "acme", Repo: "app", Channel: ChannelStable, Branch: "main", Retries: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := Select(Request{Config: tt.cfg, ConfigNamed: true, Flags: tt.flags})
			if err != nil {
				t.Fatal(err)
			}
			got := sel.Options
			if !slices.Equal(got.Rules.Allow, tt.cfg.Allow) || !slices.Equal(got.Rules.Ignore, tt.cfg.Ignore) {
				t.Errorf("rules %+v, want the config's", got.Rules)
			}
			got.Rules = tt.want.Rules
			if got.Owner != tt.want.Owner || got.Repo != tt.want.Repo || got.Channel != tt.want.Channel ||
				got.Tag != tt.want.Tag || got.Branch != tt.want.Branch || got.Dir != tt.want.Dir || got.Ref != tt.want.Ref ||
				got.Retries != tt.want.Retries || got.MaxFileSize != tt.want.MaxFileSize || !slices.Equal(got.Configs, tt.want.Configs) {
				t.Errorf("options\n got %+v\nwant %+v", got, tt.want)
			}
			if sel.Local() != (tt.want.Dir != "") {
				t.Errorf("Local() = %v", sel.Local())
			}
		})
	}
}

func TestSelectRulesFlagsReplaceTheConfig(t *testing.T) {
	cfg := cfgFile("c.json", func(c *config.Config) {
		c.Owner, c.Repo = "acme", "app"
		c.Allow, c.Ignore = []string{"lib"}, []string{"lib/test"}
	})
	sel, err := Select(Request{Config: cfg, Flags: Flags{Allow: ptr([]string{"main.py"}), Ignore: ptr([]string(nil))}})
	if err != nil {
		t.Fatal(err)
	}
	if r := sel.Options.Rules; !slices.Equal(r.Allow, []string{"main.py"}) || len(r.Ignore) != 0 {
		t.Errorf("rules %+v, want allow [main.py] and no ignore", r)
	}
}

// The token and the API host it goes to: --token, $GITHUB_TOKEN,
// $GH_TOKEN, then the config's, which (like its api_url) only counts when
// the user named the file.
func TestSelectTokenAndAPIURL(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	withCreds := cfgFile("ota_config.json", func(c *config.Config) {
		c.Owner, c.Repo, c.Token, c.APIURL = "acme", "app", "cfgtok", "https://ghe.example.com/api/v3"
	}, "owner", "repo", "token", "api_url")
	tests := []struct {
		name                  string
		cfg                   config.Config
		named                 bool
		flags                 Flags
		getenv                func(string) string
		wantTok, wantURL      string
		wantFrom, wantNotice  string
		wantCfgTok, wantCfgAP string
	}{
		{"flag first", withCreds, true, Flags{Token: " flagtok "}, env("GITHUB_TOKEN", "ghtok", "GH_TOKEN", "ghcli"),
			"flagtok", "https://ghe.example.com/api/v3", "ota_config.json", "", "cfgtok", "https://ghe.example.com/api/v3"},
		{"then GITHUB_TOKEN", withCreds, true, Flags{}, env("GITHUB_TOKEN", "ghtok", "GH_TOKEN", "ghcli"),
			"ghtok", "https://ghe.example.com/api/v3", "ota_config.json", "", "cfgtok", "https://ghe.example.com/api/v3"},
		{"then GH_TOKEN", withCreds, true, Flags{}, env("GITHUB_TOKEN", "  ", "GH_TOKEN", "ghcli"),
			"ghcli", "https://ghe.example.com/api/v3", "ota_config.json", "", "cfgtok", "https://ghe.example.com/api/v3"},
		{"then a named config", withCreds, true, Flags{}, nil,
			"cfgtok", "https://ghe.example.com/api/v3", "ota_config.json", "", "cfgtok", "https://ghe.example.com/api/v3"},
		{"an implicit config's token and api_url are ignored", withCreds, false, Flags{}, env("GITHUB_TOKEN", "ghtok"),
			"ghtok", "", "ota_config.json", `ignoring "token" and "api_url" in ota_config.json`, "", ""},
		{"an implicit config never supplies the token", withCreds, false, Flags{}, nil,
			"", "", "ota_config.json", "pass --config ota_config.json", "", ""},
		{"--api-url wins over a named config", withCreds, true, Flags{APIURL: ptr("https://other.example.com")}, nil,
			"cfgtok", "https://other.example.com", "--api-url", "", "cfgtok", "https://ghe.example.com/api/v3"},
		{"an empty --api-url means github.com", withCreds, true, Flags{APIURL: ptr("")}, nil,
			"cfgtok", "", "--api-url", "", "cfgtok", "https://ghe.example.com/api/v3"},
		{"--api-url with an implicit config", withCreds, false, Flags{APIURL: ptr("https://ghe.example.com")}, env("GH_TOKEN", "ghcli"),
			"ghcli", "https://ghe.example.com", "--api-url", "ignoring", "", ""},
		{"a local source takes no token", cfgFile("c.json", func(c *config.Config) { c.Token = "cfgtok" }, "token"), true, Flags{Source: "."}, env("GITHUB_TOKEN", "ghtok"),
			"", "", "", "", "cfgtok", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := Select(Request{Config: tt.cfg, ConfigNamed: tt.named, Flags: tt.flags, Getenv: tt.getenv})
			if err != nil {
				t.Fatal(err)
			}
			if sel.Token != tt.wantTok || sel.APIURL != tt.wantURL || sel.APIURLFrom != tt.wantFrom {
				t.Errorf("token %q, api url %q from %q; want %q, %q from %q", sel.Token, sel.APIURL, sel.APIURLFrom, tt.wantTok, tt.wantURL, tt.wantFrom)
			}
			if sel.Config.Token != tt.wantCfgTok || sel.Config.APIURL != tt.wantCfgAP {
				t.Errorf("config keeps token %q, api_url %q; want %q, %q", sel.Config.Token, sel.Config.APIURL, tt.wantCfgTok, tt.wantCfgAP)
			}
			notes := strings.Join(sel.Notices, "\n")
			if tt.wantNotice == "" && notes != "" || !strings.Contains(notes, tt.wantNotice) {
				t.Errorf("notices %q, want %q", notes, tt.wantNotice)
			}
			if strings.Contains(notes, "cfgtok") {
				t.Error("a notice holds the token")
			}
		})
	}
}

func TestSelectNoticesUnusedKeys(t *testing.T) {
	cfg := cfgFile("c.json", func(c *config.Config) { c.Owner, c.Repo, c.Unused = "acme", "app", []string{"ssid", "password"} })
	sel, err := Select(Request{Config: cfg, ConfigNamed: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Notices) != 1 || !strings.Contains(sel.Notices[0], "ssid, password") {
		t.Errorf("notices %q", sel.Notices)
	}
}
