/**
 * Ways of lodging a grievance without the word 投诉: demands for redress (谁来赔, 讨个说法), verdicts
 * on conduct (太不像话, 欺人太甚, 刁难, 不作为) and the stock phrases of a complaint letter. A customer
 * who writes "七天无理由你们都不认，谁来负责" is complaining about a return, not asking for one; the
 * training data marks that with 投诉, so these read as 投诉 too. Features only; the message is kept.
 */
export const GRIEVANCE_PHRASES: Readonly<Record<string, string>> = {
  // Demands for redress and accountability.
  谁来赔: '投诉', 谁来负责: '投诉', 谁负责: '投诉', 谁赔: '投诉', 损失谁: '投诉', 要求赔偿: '投诉', 给个说法: '投诉',
  讨个说法: '投诉', 要个说法: '投诉', 讨说法: '投诉', 给我一个解释: '投诉', 必须给我解释: '投诉', 追究责任: '投诉',
  // Verdicts on conduct.
  太不像话: '投诉', 不像话: '投诉', 岂有此理: '投诉', 欺人太甚: '投诉', 太欺负人: '投诉', 欺负人: '投诉', 太霸道: '投诉',
  霸王条款: '投诉', 刁难: '投诉', 推诿: '投诉', 推脱: '投诉', 互相推: '投诉', 不作为: '投诉', 懒政: '投诉', 怠政: '投诉',
  门难进: '投诉', 脸难看: '投诉', 事难办: '投诉', 没人管: '投诉', 没人理: '投诉', 没人处理: '投诉', 不了了之: '投诉',
  出尔反尔: '投诉', 言而无信: '投诉', 说话不算数: '投诉', 说话不算话: '投诉', 态度恶劣: '投诉', 服务态度: '投诉',
  良心过得去: '投诉', 有没有良心: '投诉', 强制捆绑: '投诉', 乱收费: '投诉', 乱扣费: '投诉', 价格欺诈: '投诉', 虚假宣传: '投诉',
  骚扰: '投诉', 维权: '投诉', 申诉: '投诉',
};
