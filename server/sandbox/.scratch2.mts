import { GuestVm } from "./guest-vm.ts";
const vm = await GuestVm.create({ seed: 42 });
const r = vm.ctx.evalCode(`new Error("boom")`);
const res = vm.ctx.callFunction((vm as any).helpers.describe, vm.ctx.undefined, r.value!);
console.log(res.error ? vm.ctx.dump(res.error) : JSON.stringify(vm.ctx.dump(res.value)));
