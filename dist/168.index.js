export const id = 168;
export const ids = [168];
export const modules = {
/***/ 20168: // ./node_modules/@anthropic-ai/sdk/internal/node.mjs
((d,M,_)=>{var E,D;_.d(M,{fs:()=>E||(E=_.t(O,2)),path:()=>D||(D=_.t(P,2))});var o=_(31421),a=_(77598),O=_(73024),n=_(48161),P=_(76760),s=_(57075),v=_(57975)}),
};
