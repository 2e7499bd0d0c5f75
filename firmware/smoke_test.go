package firmware_test

import (
	"context"
	"testing"
	"time"

	"github.com/otapush/otapush/firmware"
	"github.com/otapush/otapush/internal/simboard"
)

func TestSmoke(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b := simboard.StartT(t, simboard.Options{})
	d := &dev{t: t, b: b}
	if err := d.install(ctx, `{"confirm":"return"}`); err != nil {
		t.Fatal(err)
	}
	var st firmware.Status
	if err := d.call(ctx, &st, "status"); err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", st)
	v1 := version{name: "v1", files: map[string][]byte{"main.py": []byte("print('v1 up')\n"), "lib/a.py": []byte("A=1\n")}}
	if err := d.push(ctx, v1); err != nil {
		t.Fatal(err)
	}
	out, err := d.exec(ctx, "import os\nprint(os.listdir('/'), os.listdir('/.ota'))\nprint(open('/.ota/state.json').read())")
	t.Logf("%s %v", out, err)
	if err := d.reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := d.call(ctx, &st, "status"); err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v %+v", st, st.Last)
	t.Log(tree(t, b.FlashDir()))
}
